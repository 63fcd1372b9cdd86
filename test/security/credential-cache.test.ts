import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { runPool } from '../reliability/support/pool';
import { oboClientAuth } from '../../src/auth/client-credential';
import { UserCredentials } from '../../src/auth/obo';
import { loadConfig } from '../../src/config';
import { graphScopes } from '../../src/graph/client';
import { createLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory-store';
import { startHarness, type Harness, type TestUser } from '../support/harness';

// Finding 4: the per-user credential cache grew by ~27 KB per user, forever (10,000 users: +271 MB). It is now
// bounded (least recently used out beyond 1,000 users) and drops credentials past their own expiry (a sweep each
// minute; an expired one is also dropped when touched). Expiry needs an hour of real time; the bound is what a
// test can drive over HTTP.
const BOUND = 1_000;
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'warn' } });
});
afterAll(() => h.stop());

const user = (i: number): TestUser => ({
  oid: `c0c0c0c0-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `Cache User ${i}`,
  upn: `cache-${i}@contoso.example`,
});

async function replyTo(who: TestUser, text: string): Promise<string[]> {
  const id = `cache-${randomUUID()}`;
  await h.message(who, text, { id });
  const reply = await h.waitFor((r) => r.replyToId === id);
  return (reply.activity.attachments ?? []).map((a) => a.contentType);
}

describe('the per-user credential cache', () => {
  it(`keeps at most ${BOUND} users: beyond that the least recently used signs in again, the most recent acts at once`, async () => {
    const first = DEMO.users.manager;
    expect((await h.signIn(first)).status).toBe(200);
    const others = Array.from({ length: BOUND }, (_, i) => user(i));
    const started = Date.now();
    const statuses = await runPool(others, 8, async (u) => (await h.signIn(u)).status);
    process.stdout.write(`[cache] ${BOUND + 1} sign-ins in ${Date.now() - started} ms\n`);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    h.sandbox.graph.clearCalls();
    expect(await replyTo(first, `reprocess ${DEMO.assignments.delivered}`)).toEqual([OAUTH_CARD]);
    expect(h.sandbox.graph.calls).toEqual([]);
    const latest = others.at(-1)!;
    expect(await replyTo(latest, `status ${DEMO.assignments.delivered}`)).toEqual([
      'application/vnd.microsoft.card.adaptive',
    ]);
    expect(h.sandbox.graph.calls.map((c) => c.oid)).toContain(latest.oid);
  }, 180_000);

  it('a credential past its own expiry is dropped by the periodic sweep, and one still valid is kept', async () => {
    const config = loadConfig({ ...h.sandbox.env, PORT: '0' });
    const { credential, ...aad } = config.aad;
    const credentials = new UserCredentials(
      { ...aad, clientAuth: oboClientAuth(credential), scopes: graphScopes(config.graph.endpoint) },
      createLogger('silent'),
      new MemoryStore(),
    );
    try {
      const short = DEMO.users.diego;
      const long = DEMO.users.reader;
      // The Graph token lasts an hour; a credential stays usable while it, or the SSO token it was bought with, lasts.
      expect(
        await credentials.exchange(short.oid, h.sandbox.entra.mintSsoToken(short, { expiresInSeconds: 3_600 })),
      ).toMatchObject({ kind: 'ok' });
      expect(
        await credentials.exchange(long.oid, h.sandbox.entra.mintSsoToken(long, { expiresInSeconds: 3 * 3_600 })),
      ).toMatchObject({ kind: 'ok' });
      expect(credentials.sweep(Date.now() + 30 * 60_000)).toBe(0);
      expect(credentials.sweep(Date.now() + 2 * 3_600_000)).toBe(1);
      expect([credentials.upnOf(short.oid), credentials.upnOf(long.oid)]).toEqual([undefined, long.upn]);
      expect(credentials.sweep(Date.now() + 4 * 3_600_000)).toBe(1);
      expect(credentials.size).toBe(0);
    } finally {
      credentials.close();
    }
  });
});
