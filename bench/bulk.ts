import { loadavg } from 'node:os';
import { startSandbox, type Sandbox, type SandboxUser, type WriteLimit } from '../sandbox';
import { sequentialBaseline } from './baseline';
import { runPackageJob } from './bulk-job';
import { BULK, bulkSection, type BulkJob } from './bulk-report';
import { tallyBulk } from './graph-tally';
import { closeConnections } from './http';
import { BOT_ENTRY, startNode } from './proc';
import { machineLoad, progress, renderReport, type Section } from './report';
import { fmt } from './stats';
import { benchTenant, type BenchPackage } from './tenant';
import { TeamsClient } from './teams';

const JOB_TIMEOUT_MS = 240_000;

/**
 * The bulk measurements, all through one bot process: a throttled job, one at Identity's real limit, one unthrottled
 * at 50 ms Graph latency, and the naive sequential baseline.
 */
export async function runBulkBench(): Promise<Section> {
  const tenant = benchTenant({ admins: 1, packages: [BULK.items, BULK.realItems] });
  const [big, small] = tenant.packages as [BenchPackage, BenchPackage];
  const admin = tenant.admins[0] as SandboxUser;
  const sandbox = await startSandbox({ data: tenant.data });
  const bot = await startNode('bot-bulk', BOT_ENTRY, sandbox.env).catch(async (error: unknown) => {
    await sandbox.stop();
    throw error;
  });
  try {
    const client = new TeamsClient(sandbox, bot.url);
    await client.signIn(admin);
    const run = (pkg: BenchPackage, limit: WriteLimit | null, latencyMs: number) => job(sandbox, client, admin, pkg, { limit, latencyMs });
    progress(`bulk: ${fmt(BULK.items)} assignments, write limit ${BULK.limit.perSecond}/s burst ${BULK.limit.burst}, no latency`);
    const throttled = await run(big, BULK.limit, 0);
    progress(`bulk: ${fmt(BULK.realItems)} assignments at Identity's real limit, ${BULK.realLimit.perSecond}/s burst ${BULK.realLimit.burst}`);
    const real = await run(small, BULK.realLimit, 0);
    progress(`bulk: ${fmt(BULK.items)} assignments, unthrottled, ${BULK.latencyMs} ms latency`);
    const fast = await run(big, null, BULK.latencyMs);
    progress(`bulk: sequential baseline on ${BULK.baselineSample} items, ${BULK.latencyMs} ms latency`);
    const baseline = await sequentialBaseline(sandbox, admin, big.assignmentIds, BULK.baselineSample);
    return bulkSection({ throttled, real, fast, baseline, peakRssMb: bot.peakRssMb() });
  } finally {
    await bot.stop();
    await sandbox.stop();
  }
}

/** One job over `pkg` with Graph set to `graph`; Graph's records are tallied, then cleared. */
async function job(sandbox: Sandbox, client: TeamsClient, admin: SandboxUser, pkg: BenchPackage, graph: { limit: WriteLimit | null; latencyMs: number }): Promise<BulkJob> {
  sandbox.graph.setLatency(graph.latencyMs);
  sandbox.graph.clearCalls();
  sandbox.graph.setWriteLimit(graph.limit);
  const times = await runPackageJob(sandbox, client, admin, pkg.id, JOB_TIMEOUT_MS);
  const tally = tallyBulk(sandbox.graph.calls, pkg.assignmentIds);
  sandbox.graph.setWriteLimit(null);
  sandbox.graph.clearCalls();
  return { times, tally, items: pkg.assignmentIds.length, limit: graph.limit };
}

if (require.main === module) {
  const loadBefore = loadavg();
  runBulkBench()
    .then((section) => process.stdout.write(renderReport('Reprocess bench: bulk', [section], [machineLoad(loadBefore)])))
    .catch((error: unknown) => {
      process.stderr.write(`bench:bulk failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    })
    .finally(() => closeConnections());
}
