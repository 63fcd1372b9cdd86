import { startReliabilityHarness, type ReliabilityHarness } from './reliability-harness';
import { AnswerBook } from './reliability-answers';
import { mb, sampleMemory, slopeMbPerMinute, type Sample } from './reliability-memory';
import { createRng } from './reliability-rng';
import { soakCommand, type TrafficCounts } from './reliability-soak-traffic';
import { admins, reliabilityTenant } from './reliability-tenant';

/** Shape of a soak run: how long, how fast, how many signed-in users. */
export interface SoakOptions {
  /** Traffic before sampling starts (JIT, caches and pools settle). */
  warmupMs: number;
  /** Traffic while memory is sampled. */
  durationMs: number;
  perSecond: number;
  users: number;
  slots: number;
  maxInFlight: number;
  seed: number;
}

/** What a soak run saw: traffic outcomes, memory samples and slopes, and what the bot's log revealed. */
export interface SoakReport extends TrafficCounts {
  options: SoakOptions;
  graphCalls: number;
  samples: Sample[];
  heapSlopeMbPerMin: number;
  rssSlopeMbPerMin: number;
  storeEntries: number;
  logLines: number;
  tokenLeaks: string[];
  errors: string[];
}

/** Mixed traffic at a steady rate from several signed-in users against the real bot, memory sampled every second. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const h = await startReliabilityHarness({ sandbox: { data: reliabilityTenant({ slots: options.slots, admins: options.users, newcomers: 0 }) } });
  const book = new AnswerBook(h.sandbox.channel, false, false);
  try {
    for (const user of admins(options.users)) if ((await h.signIn(user)).status !== 200) throw new Error(`sign-in of ${user.name} failed`);
    let sampler: ReturnType<typeof sampleMemory> | undefined;
    const warm = setTimeout(() => (sampler = sampleMemory(1_000)), options.warmupMs);
    const { counts, graphCalls } = await drive(h, book, options);
    clearTimeout(warm);
    const samples = sampler?.stop() ?? [];
    return {
      ...counts,
      options,
      graphCalls,
      samples,
      heapSlopeMbPerMin: slopeMbPerMinute(samples, (s) => s.heapUsed),
      rssSlopeMbPerMin: slopeMbPerMinute(samples, (s) => s.rss),
      storeEntries: h.storeSize(),
      logLines: h.logs.lines,
      tokenLeaks: [...h.logs.tokenLeaks],
      errors: [...h.logs.errors],
    };
  } finally {
    book.stop();
    await h.stop();
  }
}

async function drive(h: ReliabilityHarness, book: AnswerBook, o: SoakOptions): Promise<{ counts: TrafficCounts; graphCalls: number }> {
  const rng = createRng(o.seed);
  const users = admins(o.users);
  const counts: TrafficCounts = { sent: 0, answered: 0, late: 0, missing: 0, serverErrors: 0, skipped: 0 };
  const inFlight = new Set<Promise<void>>();
  let graphCalls = 0;
  // The emulators' own records would grow with traffic and count as a leak: drain them as we go.
  const drain = setInterval(() => (graphCalls += h.sandbox.graph.calls.splice(0).length), 1_000);
  const started = Date.now();
  for (let n = 0; Date.now() - started < o.warmupMs + o.durationMs; n++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (n * 1_000) / o.perSecond - Date.now())));
    if (inFlight.size >= o.maxInFlight) {
      counts.skipped++;
      continue;
    }
    const task: Promise<void> = soakCommand(h, book, rng, n, users[n % users.length]!, o.slots, counts)
      .catch(() => void counts.missing++)
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  await Promise.all(inFlight);
  clearInterval(drain);
  return { counts, graphCalls: graphCalls + h.sandbox.graph.calls.splice(0).length };
}

/** Limits a soak run must stay within. */
export interface SoakLimits {
  heapSlopeMbPerMin: number;
}

/** What is wrong with a run, as readable lines (empty: it passed). */
export function soakProblems(r: SoakReport, limits: SoakLimits): string[] {
  const problems: string[] = [];
  if (!(r.heapSlopeMbPerMin < limits.heapSlopeMbPerMin)) problems.push(`heap grows ${r.heapSlopeMbPerMin.toFixed(2)} MB/min (limit ${limits.heapSlopeMbPerMin})`);
  if (r.missing + r.late + r.serverErrors > 0) problems.push(`${r.missing} unanswered, ${r.late} late, ${r.serverErrors} 5xx of ${r.sent}`);
  if (r.skipped > r.sent / 100) problems.push(`${r.skipped} ticks skipped: the bot did not keep up with ${r.options.perSecond}/s`);
  if (r.tokenLeaks.length > 0) problems.push(`token-like strings in the log: ${r.tokenLeaks.join(' | ')}`);
  if (r.errors.length > 0) problems.push(`error log lines: ${r.errors.slice(0, 5).join(' | ')}`);
  return problems;
}

/** A human summary of a run. */
export function describeSoak(r: SoakReport): string {
  const first = r.samples[0];
  const last = r.samples.at(-1);
  return [
    `soak ${Math.round(r.options.warmupMs / 1000)} s warm-up + ${Math.round(r.options.durationMs / 1000)} s sampled at ${r.options.perSecond}/s from ${r.options.users} users (seed ${r.options.seed})`,
    `commands ${r.sent}: ${r.answered} answered in time, ${r.late} late, ${r.missing} unanswered, ${r.serverErrors} 5xx, ${r.skipped} skipped; ${r.graphCalls} Graph calls`,
    `heap ${mb(first?.heapUsed ?? 0)} -> ${mb(last?.heapUsed ?? 0)}, slope ${r.heapSlopeMbPerMin.toFixed(2)} MB/min (second half, after GC)`,
    `rss ${mb(first?.rss ?? 0)} -> ${mb(last?.rss ?? 0)}, slope ${r.rssSlopeMbPerMin.toFixed(2)} MB/min`,
    `store entries at the end ${r.storeEntries}; log lines ${r.logLines}; token-like strings in the log ${r.tokenLeaks.length}`,
  ].join('\n');
}

if (require.main === module) {
  const minutes = Number(process.env['SOAK_MINUTES'] ?? '5');
  const options = { warmupMs: 10_000, durationMs: minutes * 60_000, perSecond: 20, users: 4, slots: 50, maxInFlight: 64, seed: Number(process.env['RELIABILITY_SEED'] ?? 5_055) };
  void runSoak(options).then((report) => {
    const problems = soakProblems(report, { heapSlopeMbPerMin: 2 });
    process.stdout.write(`${describeSoak(report)}\n${problems.length ? `FAIL\n  ${problems.join('\n  ')}` : 'PASS'}\n`);
    process.exit(problems.length ? 1 : 0);
  });
}
