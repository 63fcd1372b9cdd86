import { loadavg } from 'node:os';
import { startSandbox, type BatchThrottleStatus, type Sandbox, type SandboxUser, type WriteLimit } from '../sandbox';
import { sequentialBaseline } from './baseline';
import { JobNotStarted, runBulkJob } from './bulk-job';
import { BULK, bulkSection, type BuildRuns, type JobResult } from './bulk-report';
import { tallyBulk } from './graph-tally';
import { closeConnections } from './http';
import { startNode, type NodeProcess } from './proc';
import { machineLoad, progress, renderReport, type Section } from './report';
import { fmt } from './stats';
import { botBuilds, type BotBuild } from './targets';
import { benchTenant, type BenchPackage } from './tenant';
import { TeamsClient } from './teams';

const JOB_TIMEOUT_MS = 240_000;

type Running = { build: BotBuild; proc: NodeProcess; client: TeamsClient };

/**
 * The bulk measurements: for each build (this one, and BENCH_BEFORE_DIR's when set) and each outer status Graph
 * may give a `$batch` with a throttled item (200, 424), a throttled package job, one at 20/s, and a 100-id job;
 * then, for this build, an unthrottled job at 50 ms Graph latency against the naive sequential baseline.
 */
export async function runBulkBench(): Promise<Section> {
  const tenant = benchTenant({ admins: 1, packages: [BULK.items, BULK.realItems, BULK.idItems] });
  const [big, small, listed] = tenant.packages as [BenchPackage, BenchPackage, BenchPackage];
  const admin = tenant.admins[0] as SandboxUser;
  const sandbox = await startSandbox({ data: tenant.data });
  const running: Running[] = [];
  try {
    for (const build of botBuilds()) {
      const proc = await startNode(`bulk-${build.name}`, build.entry, sandbox.env);
      running.push({ build, proc, client: new TeamsClient(sandbox, proc.url) });
      await running.at(-1)?.client.signIn(admin);
    }
    const builds: BuildRuns[] = [];
    for (const r of running) {
      const modes = [] as BuildRuns['modes'];
      for (const outer of [200, 424] as const) {
        const run = (command: string, pkg: BenchPackage, limit: WriteLimit) =>
          job(sandbox, r, admin, command, pkg, { limit, latencyMs: 0, outer });
        progress(
          `bulk (${r.build.name}, $batch ${outer}): ${fmt(BULK.items)} assignments, write limit ${BULK.limit.perSecond}/s`,
        );
        const throttled = await run(`reprocess package ${big.id}`, big, BULK.limit);
        progress(
          `bulk (${r.build.name}, $batch ${outer}): ${fmt(BULK.realItems)} assignments at ${BULK.slowLimit.perSecond}/s`,
        );
        const slow = await run(`reprocess package ${small.id}`, small, BULK.slowLimit);
        progress(
          `bulk (${r.build.name}, $batch ${outer}): ${BULK.idItems} listed ids at ${BULK.slowLimit.perSecond}/s`,
        );
        const ids = await run(`reprocess ${listed.assignmentIds.join(' ')}`, listed, BULK.slowLimit);
        modes.push({ outer, throttled, slow, ids });
      }
      builds.push({ build: r.build, modes, peakRssMb: r.proc.peakRssMb() });
    }
    const after = running[0] as Running;
    progress(`bulk: ${fmt(BULK.items)} assignments, unthrottled, ${BULK.latencyMs} ms latency`);
    const fast = await job(sandbox, after, admin, `reprocess package ${big.id}`, big, {
      limit: null,
      latencyMs: BULK.latencyMs,
      outer: 200,
    });
    progress(`bulk: sequential baseline on ${BULK.baselineSample} items, ${BULK.latencyMs} ms latency`);
    const baseline = await sequentialBaseline(sandbox, admin, big.assignmentIds, BULK.baselineSample);
    return bulkSection({ builds, fast, baseline, peakRssMb: after.proc.peakRssMb() });
  } finally {
    for (const r of running) await r.proc.stop();
    await sandbox.stop();
  }
}

/** One job over `pkg` with Graph set to `graph`; Graph's records are tallied, then cleared. */
async function job(
  sandbox: Sandbox,
  r: Running,
  admin: SandboxUser,
  command: string,
  pkg: BenchPackage,
  graph: { limit: WriteLimit | null; latencyMs: number; outer: BatchThrottleStatus },
): Promise<JobResult> {
  sandbox.graph.setLatency(graph.latencyMs);
  sandbox.graph.setBatchThrottleStatus(graph.outer);
  sandbox.graph.clearCalls();
  sandbox.graph.setWriteLimit(graph.limit);
  try {
    const times = await runBulkJob(sandbox, r.client, admin, command, JOB_TIMEOUT_MS);
    return {
      times,
      tally: tallyBulk(sandbox.graph.calls, pkg.assignmentIds),
      items: pkg.assignmentIds.length,
      limit: graph.limit,
    };
  } catch (error) {
    if (error instanceof JobNotStarted) return { notStarted: error.message };
    throw error;
  } finally {
    sandbox.graph.setWriteLimit(null);
    sandbox.graph.clearCalls();
  }
}

if (require.main === module) {
  const loadBefore = loadavg();
  runBulkBench()
    .then((section) =>
      process.stdout.write(renderReport('Reprocess bench: bulk', [section], [machineLoad(loadBefore)])),
    )
    .catch((error: unknown) => {
      process.stderr.write(`bench:bulk failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    })
    .finally(() => closeConnections());
}
