import type { BatchThrottleStatus, WriteLimit } from '../sandbox';
import type { BaselineResult } from './baseline';
import type { JobTimes } from './bulk-job';
import type { BulkTally } from './graph-tally';
import type { Row, Section } from './report';
import { fmt } from './stats';
import { ratio, type BotBuild } from './targets';

/** Sizes and Graph settings of the bulk bench. The write limits are the Graph emulator's, not Microsoft's. */
export const BULK = {
  items: 10_000,
  // Microsoft publishes no write limit for entitlement management: these are the emulator's token bucket.
  limit: { perSecond: 200, burst: 200 } satisfies WriteLimit,
  realItems: 600,
  slowLimit: { perSecond: 20, burst: 20 } satisfies WriteLimit,
  /** A job of listed ids (the most one command takes): every build can run it, whatever its package listing. */
  idItems: 100,
  latencyMs: 50,
  baselineSample: 500,
  /** The runner's `$batch` requests in flight (job-launcher's CONCURRENCY): each may end on one partial batch. */
  workers: 4,
};

/** One job as measured: timings, Graph's tally, its size and the write limit it ran under. */
export interface BulkJob {
  times: JobTimes;
  tally: BulkTally;
  items: number;
  limit: WriteLimit | null;
}

/** A job, or the card the bot answered instead of starting it. */
export type JobResult = BulkJob | { notStarted: string };

/** One build's jobs in each outer-status mode. */
export interface BuildRuns {
  build: BotBuild;
  modes: { outer: BatchThrottleStatus; throttled: JobResult; slow: JobResult; ids: JobResult }[];
  peakRssMb: number;
}

/** Everything the bulk bench measured. */
export interface BulkMeasured {
  builds: BuildRuns[];
  fast: JobResult;
  baseline: BaselineResult;
  peakRssMb: number;
}

/** Rate ÷ limit in the steady state: the free initial burst is not counted. */
function rateOf(job: BulkJob): { ratio: number; perSecond: number; seconds: number } {
  const { tally, limit } = job;
  const seconds = (tally.lastAcceptAt - tally.firstPostAt) / 1000;
  const perSecond = (tally.accepted - (limit?.burst ?? 0)) / seconds;
  return { ratio: perSecond / (limit?.perSecond ?? Number.NaN), perSecond, seconds };
}

const clean = (t: BulkTally) => t.lost === 0 && t.duplicated === 0;
const started = (j: JobResult): j is BulkJob => !('notStarted' in j);

function throttledRows(label: string, job: JobResult): Row[] {
  if (!started(job))
    return [{ metric: `${label}: job`, measured: `did not start: ${job.notStarted}`, target: 'runs', pass: false }];
  const t = job.tally;
  const rate = rateOf(job);
  const jobSeconds = (job.times.finishedAt - job.times.confirmedAt) / 1000;
  const minRequests = Math.ceil((job.items + t.throttled) / 20);
  return [
    {
      metric: `${label}: achieved rate ÷ limit`,
      measured: `${fmt(rate.ratio, 3)} (${fmt(rate.perSecond, 1)}/s over ${fmt(rate.seconds, 1)} s; job ${fmt(jobSeconds, 1)} s confirm → summary)`,
      target: '≥ 0.95',
      pass: rate.ratio >= 0.95,
    },
    {
      metric: `${label}: 429s received`,
      measured: `${fmt(t.throttled)} (of ${fmt(t.itemPosts)} sub-requests; other failures ${fmt(t.otherFailures)})`,
      target: 'informational (each costs a retry)',
    },
    {
      metric: `${label}: HTTP requests sent ($batch)`,
      measured: fmt(t.batches),
      target: `≈ N/20 + retries = ⌈(${fmt(job.items)} + ${fmt(t.throttled)})/20⌉ = ${fmt(minRequests)} (+5%, + ${BULK.workers} partial)`,
      pass: t.batches <= minRequests * 1.05 + BULK.workers,
    },
    {
      metric: `${label}: lost / duplicated`,
      measured: `${fmt(t.lost)} / ${fmt(t.duplicated)} (accepted ${fmt(t.accepted)} of ${fmt(job.items)})`,
      target: '0 / 0',
      pass: clean(t),
    },
  ];
}

/** The after build's job in both modes, and before ÷ after on the jobs both ran. */
function buildRows(after: BuildRuns, before: BuildRuns | undefined): Row[] {
  const rows: Row[] = [];
  for (const mode of after.modes) {
    const tag = `$batch ${mode.outer} when throttled`;
    rows.push(
      ...throttledRows(
        `${tag}, ${fmt(BULK.items)} at ${BULK.limit.perSecond}/s (burst ${BULK.limit.burst})`,
        mode.throttled,
      ),
    );
    rows.push(
      ...throttledRows(
        `${tag}, ${fmt(BULK.realItems)} at ${BULK.slowLimit.perSecond}/s (burst ${BULK.slowLimit.burst})`,
        mode.slow,
      ),
    );
    const previous = before?.modes.find((m) => m.outer === mode.outer);
    if (previous) rows.push(...comparisonRows(tag, mode, previous));
  }
  return rows;
}

function comparisonRows(tag: string, after: BuildRuns['modes'][number], before: BuildRuns['modes'][number]): Row[] {
  const describe = (j: JobResult) => {
    if (!started(j)) return `did not start (${j.notStarted})`;
    const rate = rateOf(j);
    return `${fmt(rate.ratio, 3)} of the limit, lost ${fmt(j.tally.lost)}, duplicated ${fmt(j.tally.duplicated)}, ${fmt(j.tally.batches)} $batch`;
  };
  const rows: Row[] = [];
  for (const [label, a, b] of [
    [`${fmt(BULK.items)}-item package`, after.throttled, before.throttled],
    [`${BULK.idItems} listed ids`, after.ids, before.ids],
  ] as const) {
    const rateRatio = started(a) && started(b) ? ratio(rateOf(a).perSecond, rateOf(b).perSecond) : '–';
    rows.push({
      metric: `${tag}, ${label}: after vs before`,
      measured: `after: ${describe(a)}; before: ${describe(b)}; rate after ÷ before ${rateRatio}`,
      target: 'reference',
    });
  }
  return rows;
}

function speedRows(m: BulkMeasured): Row[] {
  if (!started(m.fast))
    return [
      { metric: 'Unthrottled job', measured: `did not start: ${m.fast.notStarted}`, target: 'runs', pass: false },
    ];
  const botSeconds = (m.fast.times.finishedAt - m.fast.times.confirmedAt) / 1000;
  const perItemMs = m.baseline.elapsedMs / m.baseline.sample;
  const baselineSeconds = (perItemMs * BULK.items) / 1000;
  const speedup = baselineSeconds / botSeconds;
  const f = m.fast.tally;
  return [
    {
      metric: `Unthrottled, ${BULK.latencyMs} ms latency: bot job wall time (confirm → summary)`,
      measured: `${fmt(botSeconds, 1)} s (${fmt(f.batches)} $batch requests; lost ${f.lost}, duplicated ${f.duplicated})`,
      target: '0 lost / 0 duplicated',
      pass: clean(f),
    },
    {
      metric: `Baseline: sequential POST per item, ${BULK.latencyMs} ms latency`,
      measured: `${fmt(baselineSeconds, 1)} s extrapolated (${fmt(m.baseline.sample)} items measured: ${fmt(m.baseline.elapsedMs / 1000, 1)} s, ${fmt(perItemMs, 1)} ms/item, ${m.baseline.accepted} accepted)`,
      target: 'reference',
    },
    { metric: 'Bot speed-up over the baseline', measured: `${fmt(speedup, 1)}×`, target: '≥ 10×', pass: speedup >= 10 },
    {
      metric: 'Peak RSS of the bot process (VmHWM)',
      measured: `${fmt(m.peakRssMb, 1)} MB`,
      target: 'informational (message path: ≤ 150 MB)',
    },
  ];
}

/** The bulk table. */
export function bulkSection(m: BulkMeasured): Section {
  const [after, before] = m.builds as [BuildRuns, BuildRuns | undefined];
  return {
    title: `Bulk job: ${fmt(BULK.items)} assignments (bench:bulk)`,
    rows: [...buildRows(after, before), ...speedRows(m)],
    notes: [
      'The bot runs as its own process (`node dist/src/index.js`, in-memory storage, LOG_LEVEL info) against the sandbox emulators; each job is driven as in Teams: `reprocess package` (or `reprocess <id> …`) → confirmation card → Confirm (adaptiveCard/action `bulkConfirm`) → summary card.',
      `Write limit: the Graph emulator's token bucket on reprocess sub-requests, answering 429 + Retry-After. Microsoft publishes no write limit for entitlement management; the runner paces itself by the 429s it receives. ${BULK.limit.perSecond}/s keeps the 10,000-item run under a minute; ${BULK.slowLimit.perSecond}/s is a slower bucket. Rate = (accepted − burst) ÷ (last 202 − first reprocess sub-request): the steady state without the free initial burst.`,
      "Every job runs twice: with the emulator answering a $batch that holds a throttled item 200 (concepts/json-batching.md) and 424 (concepts/throttling.md, 'Throttling and batching'); the items are in the body either way.",
      "Counts come from the Graph emulator's call records: every reprocess sub-request, its status, and which assignment it named. Lost = assignments never answered 202 (the runner gives an item up after 10 throttled attempts); duplicated = extra 202s for the same assignment.",
      ...(before
        ? [
            `Before: the build in ${before.build.from} (BENCH_BEFORE_DIR), a third process in the same sandbox, running the same jobs after this build's.`,
          ]
        : []),
      `Baseline: a plain loop, one \`POST /v1.0/identityGovernance/entitlementManagement/assignments/{id}/reprocess\` at a time with an OBO bearer token, same emulator and latency; measured on ${BULK.baselineSample} items and extrapolated linearly to ${fmt(BULK.items)}.`,
    ],
  };
}
