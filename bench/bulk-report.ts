import type { WriteLimit } from '../sandbox';
import type { BaselineResult } from './baseline';
import type { JobTimes } from './bulk-job';
import type { BulkTally } from './graph-tally';
import type { Row, Section } from './report';
import { fmt } from './stats';

/** Sizes and Graph settings of the bulk bench. */
export const BULK = {
  items: 10_000,
  // Identity throttling allows ~3,000 writes per 150 s per app+tenant (20/s); 10x that keeps the big run under a minute.
  limit: { perSecond: 200, burst: 200 } satisfies WriteLimit,
  realItems: 600,
  realLimit: { perSecond: 20, burst: 20 } satisfies WriteLimit,
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

/** Everything the bulk bench measured. */
export interface BulkMeasured {
  throttled: BulkJob;
  real: BulkJob;
  fast: BulkJob;
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

function throttledRows(label: string, job: BulkJob): Row[] {
  const t = job.tally;
  const rate = rateOf(job);
  const jobSeconds = (job.times.finishedAt - job.times.confirmedAt) / 1000;
  const minRequests = Math.ceil((job.items + t.throttled) / 20);
  return [
    { metric: `${label}: achieved rate ÷ limit`, measured: `${fmt(rate.ratio, 3)} (${fmt(rate.perSecond, 1)}/s over ${fmt(rate.seconds, 1)} s; job ${fmt(jobSeconds, 1)} s confirm → summary)`, target: '≥ 0.95', pass: rate.ratio >= 0.95 },
    { metric: `${label}: 429s received`, measured: `${fmt(t.throttled)} (of ${fmt(t.itemPosts)} sub-requests; other failures ${fmt(t.otherFailures)})`, target: 'informational (each costs a retry)' },
    { metric: `${label}: HTTP requests sent ($batch)`, measured: fmt(t.batches), target: `≈ N/20 + retries = ⌈(${fmt(job.items)} + ${fmt(t.throttled)})/20⌉ = ${fmt(minRequests)} (+5%, + ${BULK.workers} partial)`, pass: t.batches <= minRequests * 1.05 + BULK.workers },
    { metric: `${label}: lost / duplicated`, measured: `${fmt(t.lost)} / ${fmt(t.duplicated)} (accepted ${fmt(t.accepted)} of ${fmt(job.items)})`, target: '0 / 0', pass: clean(t) },
  ];
}

function speedRows(m: BulkMeasured): Row[] {
  const botSeconds = (m.fast.times.finishedAt - m.fast.times.confirmedAt) / 1000;
  const perItemMs = m.baseline.elapsedMs / m.baseline.sample;
  const baselineSeconds = (perItemMs * BULK.items) / 1000;
  const speedup = baselineSeconds / botSeconds;
  const f = m.fast.tally;
  return [
    { metric: `Unthrottled, ${BULK.latencyMs} ms latency: bot job wall time (confirm → summary)`, measured: `${fmt(botSeconds, 1)} s (${fmt(f.batches)} $batch requests; lost ${f.lost}, duplicated ${f.duplicated})`, target: '0 lost / 0 duplicated', pass: clean(f) },
    { metric: `Baseline: sequential POST per item, ${BULK.latencyMs} ms latency`, measured: `${fmt(baselineSeconds, 1)} s extrapolated (${fmt(m.baseline.sample)} items measured: ${fmt(m.baseline.elapsedMs / 1000, 1)} s, ${fmt(perItemMs, 1)} ms/item, ${m.baseline.accepted} accepted)`, target: 'reference' },
    { metric: 'Bot speed-up over the baseline', measured: `${fmt(speedup, 1)}×`, target: '≥ 10×', pass: speedup >= 10 },
    { metric: 'Peak RSS of the bot process (VmHWM)', measured: `${fmt(m.peakRssMb, 1)} MB`, target: 'informational (message path: ≤ 150 MB)' },
  ];
}

/** The bulk table. */
export function bulkSection(m: BulkMeasured): Section {
  const { limit, realLimit } = BULK;
  return {
    title: `Bulk job: ${fmt(BULK.items)} assignments (bench:bulk)`,
    rows: [
      ...throttledRows(`Throttled ${limit.perSecond}/s (burst ${limit.burst})`, m.throttled),
      ...throttledRows(`${fmt(BULK.realItems)} at the real ${realLimit.perSecond}/s (burst ${realLimit.burst})`, m.real),
      ...speedRows(m),
    ],
    notes: [
      'The bot runs as its own process (`node dist/src/index.js`, in-memory storage, LOG_LEVEL info) against the sandbox emulators; each job is driven as in Teams: `reprocess package` → confirmation card → Confirm (adaptiveCard/action `bulkConfirm`) → summary card.',
      `Write limit: a token bucket on reprocess sub-requests answering 429 + Retry-After. ${limit.perSecond}/s (burst ${limit.burst}) is 10× Identity's real ~${realLimit.perSecond}/s (3,000 writes per 150 s per app+tenant) so the big run stays under a minute; a smaller job also runs at the real rate. Rate = (accepted − burst) ÷ (last 202 − first reprocess sub-request): the steady state without the free initial burst.`,
      "Counts come from the Graph emulator's call records: every reprocess sub-request, its status, and which assignment it named. Lost = assignments never answered 202 (the runner gives an item up after 10 throttled attempts); duplicated = extra 202s for the same assignment.",
      `Baseline: a plain loop, one \`POST /v1.0/identityGovernance/entitlementManagement/assignments/{id}/reprocess\` at a time with an OBO bearer token, same emulator and latency; measured on ${BULK.baselineSample} items and extrapolated linearly to ${fmt(BULK.items)}.`,
    ],
  };
}
