import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStorage } from '../../src/storage/create';
import { AzureBlobStore } from '../../src/storage/azure-blob-store';
import { auditTableName } from '../../src/storage/azure-table-audit';
import { startAzurite, type Azurite } from '../support/azurite';
import { storageContract } from './contract';
import { closingAfterEach, fakeClock, sampleEntry, sampleJob, winners } from './fixtures';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);
afterAll(async () => {
  await azurite?.stop();
});

// A fresh container (and audit table) per storage keeps the tests independent on one Azurite.
const freshContainer = () => `reprocess-${randomUUID().slice(0, 8)}`;

describe('Azure storage on Azurite', () => {
  storageContract((options) =>
    createStorage({ connectionString: azurite.connectionString, container: freshContainer() }, options),
  );
});

describe('two instances on one Azurite', () => {
  const open = closingAfterEach((options) =>
    createStorage({ connectionString: azurite.connectionString, container: shared }, options),
  );
  let shared: string;
  beforeEach(() => {
    shared = freshContainer();
  });

  test('a token exchange delivered to both instances is acted on once', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const key = `tokenExchange/${randomUUID()}/${randomUUID()}`;
    const results = await Promise.all([a, b, a, b, a, b].map((s) => s.store.createIfAbsent(key, true, 60_000)));
    expect(winners(results)).toBe(1);
  });

  test('a pending command is taken by one instance only', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    await a.store.set('pending/u1', 'reprocess x', 60_000);
    const results = await Promise.all([a.store.take('pending/u1'), b.store.take('pending/u1')]);
    expect(winners(results)).toBe(1);
  });

  test('one job replace wins across instances', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const job = sampleJob({ state: 'running' });
    await a.jobs.create(job);
    expect(await b.jobs.create(job)).toBe(false);
    const [readA, readB] = await Promise.all([a.jobs.get(job.id), b.jobs.get(job.id)]);
    const results = await Promise.all([
      a.jobs.replace({ ...job, lease: { holder: 'a', until: 1 } }, readA!.etag),
      b.jobs.replace({ ...job, lease: { holder: 'b', until: 1 } }, readB!.etag),
    ]);
    expect(winners(results)).toBe(1);
    expect((await b.jobs.listRunning()).map((j) => j.lease?.holder)).toEqual([results[0] ? 'a' : 'b']);
  });

  test('the same audit entry recorded by both instances is stored once', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const entry = sampleEntry(new Date());
    // The second instance stamped its own time: idempotence must rest on the id, not on `at`.
    const later = { ...entry, at: new Date(Date.now() + 1_000).toISOString() };
    await Promise.all([a.audit.record(entry), b.audit.record(later), a.audit.record(entry)]);
    expect(await b.audit.recent('tenant-1', 'admin-1', 10)).toHaveLength(1);
  });
});

describe('Azure-only behaviour', () => {
  const open = closingAfterEach((options) =>
    createStorage({ connectionString: azurite.connectionString, container: freshContainer() }, options),
  );

  test('the sweep deletes expired keys and keeps live ones', async () => {
    const clock = fakeClock();
    const { store } = await open({ now: clock.now, sweepIntervalMs: 0 });
    await store.createIfAbsent('dedupe/old', true, 1_000);
    await store.set('pending/live', 'keep', 60_000);
    clock.advance(2_000);
    expect(store).toBeInstanceOf(AzureBlobStore);
    expect(await (store as AzureBlobStore).sweep()).toBe(1);
    expect(await store.get('pending/live')).toBe('keep');
    expect(await store.createIfAbsent('dedupe/old', true, 1_000)).toBe(true);
  });

  test('reopening an existing container and table (also concurrently) sees what was stored', async () => {
    const config = { connectionString: azurite.connectionString, container: freshContainer() };
    const first = await createStorage(config, { sweepIntervalMs: 0 });
    await first.store.set('k', 1, 60_000);
    await first.audit.record(sampleEntry(new Date()));
    const again = await Promise.all([createStorage(config), createStorage(config)]);
    for (const storage of again) expect(await storage.store.get('k')).toBe(1);
    expect(await again[1].audit.recent('tenant-1', 'admin-1', 5)).toHaveLength(1);
    await Promise.all([first, ...again].map((s) => s.close()));
  });

  test('recovery finds running jobs through the running index: one short listing, however many jobs are stored', async () => {
    const proxy = await recordingProxy(azurite.connectionString);
    const storage = await createStorage(
      { connectionString: proxy.connectionString, container: freshContainer() },
      { sweepIntervalMs: 0 },
    );
    const running = [sampleJob({ state: 'running' }), sampleJob({ state: 'running' })];
    const finished = Array.from({ length: 40 }, () =>
      sampleJob({ state: 'completed', finishedAt: new Date().toISOString() }),
    );
    await Promise.all([...running, ...finished].map((job) => storage.jobs.create(job)));
    proxy.requests.length = 0;
    expect((await storage.jobs.listRunning()).map((j) => j.id).sort()).toEqual(running.map((j) => j.id).sort());
    const listings = proxy.requests.filter((r) => r.includes('comp=list'));
    expect(listings).toHaveLength(1);
    expect(listings[0]).toContain('prefix=running/');
    // Only the two running jobs are downloaded.
    expect(proxy.requests.filter((r) => r.startsWith('GET') && r.includes('/jobs/'))).toHaveLength(2);
    await Promise.all([storage.close(), proxy.close()]);
  });

  test('the audit table name is the container name, alphanumeric, starting with a letter', () => {
    expect(auditTableName('reprocess-bot')).toBe('reprocessbotaudit');
    expect(auditTableName('1-bot')).toBe('t1botaudit');
    expect(auditTableName('a'.repeat(63))).toHaveLength(63);
  });
});

/** An HTTP proxy in front of Azurite's Blob service that records every request (method, decoded path and query). */
async function recordingProxy(
  connectionString: string,
): Promise<{ connectionString: string; requests: string[]; close(): Promise<void> }> {
  const blob = new URL(/BlobEndpoint=([^;]+)/.exec(connectionString)![1]!);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${decodeURIComponent(req.url ?? '')}`);
    const upstream = request(
      { host: blob.hostname, port: blob.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = `http://127.0.0.1:${(server.address() as AddressInfo).port}${blob.pathname}`;
  return {
    connectionString: connectionString.replace(/BlobEndpoint=[^;]+/, `BlobEndpoint=${proxied}`),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
