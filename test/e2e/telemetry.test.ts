import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { startIngestion, type Envelope, type Ingestion } from '../../sandbox/ingestion';
import { Verbs } from '../../src/cards/templates';
import { titled } from '../support/cards';
import { startHarness, type Harness } from '../support/harness';

// The production process with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at the emulated ingestion endpoint.
// OTEL_METRIC_EXPORT_INTERVAL and APPLICATION_INSIGHTS_NO_STATSBEAT are the OpenTelemetry SDK's and the
// exporter's own variables (read by those libraries, not by the bot): export metrics every second, and send
// nothing to Microsoft's statsbeat endpoint from a test.
const admin = DEMO.users.admin;
const A = DEMO.assignments;
const TOKEN = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/;

let sandbox: Sandbox;
let ingestion: Ingestion;
let bot: Harness;

beforeAll(async () => {
  [sandbox, ingestion] = await Promise.all([startSandbox(), startIngestion()]);
  const env = {
    APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  };
  bot = await startHarness({ shared: sandbox, spawn: true, env });
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await Promise.all([sandbox?.stop(), ingestion?.close()]);
});

const base = (e: Envelope) => e.data?.baseData ?? {};
const props = (e: Envelope) => (base(e)['properties'] ?? {}) as Record<string, string>;
const isRequest = (name: string) => (e: Envelope) => e.data?.baseType === 'RequestData' && base(e)['name'] === name;

describe('Azure Monitor telemetry', () => {
  beforeAll(async () => {
    expect((await bot.signIn(admin)).status).toBe(200);
    expect((await bot.message(admin, `reprocess ${A.delivered}`)).status).toBe(200);
    await bot.waitFor(titled('Reprocess queued'));
    expect((await bot.click(admin, Verbs.status, { assignmentId: A.delivered }, { replyToId: 'card-1' })).status).toBe(
      200,
    );
    await ingestion.waitFor(
      (e) => e.data?.baseType === 'MetricData' && JSON.stringify(e).includes('reprocess.outcomes'),
      20_000,
    );
  }, 60_000);

  it('a request per activity: type, command kind, outcome and the HTTP status it was answered with', async () => {
    const request = await ingestion.waitFor(isRequest('Teams message'), 15_000);
    expect(base(request)).toMatchObject({ responseCode: '200', success: true });
    expect(props(request)).toMatchObject({
      'teams.activity.type': 'message',
      'reprocess.command': 'reprocess',
      'reprocess.outcome': 'accepted',
      'teams.tenant.id': sandbox.tenantId,
    });
    const clickRequest = await ingestion.waitFor(isRequest('Teams invoke adaptiveCard/action'), 15_000);
    expect(props(clickRequest)).toMatchObject({
      'teams.invoke.name': 'adaptiveCard/action',
      'reprocess.verb': Verbs.status,
    });
    const signInRequest = await ingestion.waitFor(isRequest('Teams invoke signin/tokenExchange'), 15_000);
    expect(base(signInRequest)).toMatchObject({ responseCode: '200' });
  });

  it('a dependency per Graph call, named by route template without ids, with its status and client-request-id', async () => {
    const reprocess = sandbox.graph.calls.find(
      (c) => c.method === 'POST' && c.path.includes(`/assignments/${A.delivered}/reprocess`),
    );
    const clientRequestId = reprocess?.clientRequestId ?? '';
    expect(clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const dependency = await ingestion.waitFor(
      (e) => e.data?.baseType === 'RemoteDependencyData' && props(e)['graph.client_request_id'] === clientRequestId,
      15_000,
    );
    expect(base(dependency)).toMatchObject({
      name: 'POST /v1.0/identityGovernance/entitlementManagement/assignments/{id}/reprocess',
      resultCode: '202',
      type: 'Http',
      target: new URL(sandbox.env.GRAPH_ENDPOINT).host,
    });
    const names = ingestion.envelopes
      .filter((e) => e.data?.baseType === 'RemoteDependencyData')
      .map((e) => String(base(e)['name']));
    expect(names.some((n) => n.startsWith('GET /v1.0/identityGovernance/entitlementManagement/assignments/{id}'))).toBe(
      true,
    );
    expect(names.join('\n')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Same operation: the Graph call is a child of the activity that made it.
    const request = await ingestion.waitFor(isRequest('Teams message'));
    expect(dependency.tags?.['ai.operation.id']).toBe(request.tags?.['ai.operation.id']);
  });

  it('metrics: reprocess outcomes by kind and Graph latency', async () => {
    const metrics = ingestion.envelopes.filter((e) => e.data?.baseType === 'MetricData');
    const points = metrics.flatMap((e) =>
      ((base(e)['metrics'] ?? []) as { name: string; value: number }[]).map((m) => ({ ...m, properties: props(e) })),
    );
    expect(points).toContainEqual(
      expect.objectContaining({
        name: 'reprocess.outcomes',
        value: 1,
        properties: expect.objectContaining({ kind: 'assignment', mode: 'single', outcome: 'accepted' }),
      }),
    );
    expect(
      points.some(
        (p) =>
          p.name === 'graph.latency' &&
          p.properties['route'] === '/v1.0/identityGovernance/entitlementManagement/assignments/{id}/reprocess',
      ),
    ).toBe(true);
    expect(points.some((p) => p.name === 'bulk.active_jobs')).toBe(true);
  });

  it('nothing token-like, no display name and no UPN in any envelope', () => {
    const all = JSON.stringify(ingestion.envelopes);
    expect(ingestion.envelopes.length).toBeGreaterThan(5);
    expect(all).not.toMatch(TOKEN);
    for (const user of Object.values(DEMO.users)) {
      expect(all).not.toContain(user.name);
      expect(all).not.toContain(user.upn);
    }
  });

  it('log lines carry the trace id of the activity they belong to', async () => {
    const request = await ingestion.waitFor(isRequest('Teams message'));
    const operation = request.tags?.['ai.operation.id'];
    expect(bot.logs.entries().some((l) => l['trace_id'] === operation)).toBe(true);
  });
});

describe('without APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('the bot starts without loading OpenTelemetry or the exporter at all', async () => {
    const loaded = await modulesLoadedAtStart({ ...sandbox.env, PORT: '0', LOG_LEVEL: 'silent' });
    expect(loaded.some((m) => m.includes('/node_modules/@azure/identity/'))).toBe(true);
    expect(loaded.filter((m) => /@opentelemetry|monitor-opentelemetry/.test(m))).toEqual([]);
  });
});

/** Starts the built bot (`start(loadConfig())`) in a child process and lists every module it loaded. */
function modulesLoadedAtStart(env: Record<string, string>): Promise<string[]> {
  const entry = resolve(__dirname, '../../dist/src/index.js');
  const script = `const { start } = require(${JSON.stringify(entry)}); const { loadConfig } = require(${JSON.stringify(resolve(__dirname, '../../dist/src/config.js'))});
    start(loadConfig(), { host: '127.0.0.1' }).then(async (bot) => { process.stdout.write(JSON.stringify(Object.keys(require.cache))); await bot.stop(); process.exit(0); });`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? done(JSON.parse(out) as string[]) : fail(new Error(`exit ${code}: ${err}`)),
    );
  });
}
