import type { ColdStart } from './cold-start';
import { summarize, type LoadResult } from './load';
import { MESSAGE_LOAD, type MessageBench } from './messages';
import type { Row, Section } from './report';
import { fmt, median, runs } from './stats';
import { ratio } from './targets';

const PEAK_RSS_TARGET_MB = 150;
const TOKEN_LIFETIME_S = 3599;

/** Medians (and per-run values) of a target's runs. */
function figures(results: LoadResult[]) {
  const each = results.map(summarize);
  const pick = (f: (s: ReturnType<typeof summarize>) => number) => ({
    values: each.map(f),
    median: median(each.map(f)),
  });
  return { perSecond: pick((s) => s.perSecond), p50: pick((s) => s.p50), p99: pick((s) => s.p99) };
}

/** The message-path table: throughput and latency against the echo bot, OBO reuse, cold start, memory. */
export function messageSection(m: MessageBench, cold: ColdStart): Section {
  return {
    title: 'Message path: `reprocess <id>` from signed-in users',
    rows: [...loadRows(m), ...otherRows(m, cold), ...beforeRows(m)],
    notes: [
      `Both bots run as child processes (\`node dist/src/index.js\`; the echo bot is a minimal botbuilder CloudAdapter + restify bot with the same channel-auth configuration and outbound credential, replying with text), against the same emulators in the bench process (Graph answers at once), over loopback HTTP with keep-alive. Every activity carries a channel JWT the bots validate.`,
      `Each \`reprocess\` makes 2 Graph calls (GET with $expand, POST reprocess) + 1 connector reply + audit and dedupe writes; the echo bot makes 1 connector reply. ${MESSAGE_LOAD.users} users signed in first (signin/tokenExchange); messages rotate over them.`,
      `Closed loop: ${MESSAGE_LOAD.concurrency} concurrent senders for ${MESSAGE_LOAD.closedMs / 1000} s (≤ ${fmt(MESSAGE_LOAD.closedMax)} msgs); fixed rate: ${MESSAGE_LOAD.rate} msg/s open loop, ${MESSAGE_LOAD.fixedCount} msgs. ${MESSAGE_LOAD.runs} interleaved runs of each after a ${MESSAGE_LOAD.warmup}-message warm-up; the table shows medians and the per-run values. Latency = HTTP round trip of POST /api/messages, which returns after the turn (reply included) is done.`,
      "Answers verified from the emulators' records: for the bot, each 2xx had its Graph GET (200), reprocess POST (202) and connector reply; for the echo bot, its reply.",
    ],
  };
}

function loadRows(m: MessageBench): Row[] {
  const bot = figures(m.bot.closed);
  const echo = figures(m.echo.closed);
  const ratio = bot.perSecond.median / echo.perSecond.median;
  const botFixed = figures(m.bot.fixed);
  const echoFixed = figures(m.echo.fixed);
  const added = median(botFixed.p99.values.map((v, i) => v - (echoFixed.p99.values[i] ?? Number.NaN)));
  const failed = (r: LoadResult[]) => {
    const byStatus: Record<string, number> = {};
    for (const [status, n] of r.flatMap((x) => Object.entries(x.failures)))
      byStatus[status] = (byStatus[status] ?? 0) + n;
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return total === 0
      ? '0 non-2xx'
      : `${total} non-2xx (${Object.entries(byStatus)
          .map(([s, n]) => `HTTP ${s}: ${n}`)
          .join(', ')})`;
  };
  const allFine = [m.bot, m.echo].every(
    (t) => t.correct === t.answered && [...t.closed, ...t.fixed].every((r) => r.failed === 0),
  );
  return [
    {
      metric: 'Throughput, bot (closed loop)',
      measured: `${fmt(bot.perSecond.median)} msg/s (runs ${runs(bot.perSecond.values)})`,
      target: 'reference',
    },
    {
      metric: 'Throughput, echo bot (closed loop)',
      measured: `${fmt(echo.perSecond.median)} msg/s (runs ${runs(echo.perSecond.values)})`,
      target: 'reference',
    },
    { metric: 'Throughput ratio bot ÷ echo', measured: fmt(ratio, 2), target: '≥ 0.80', pass: ratio >= 0.8 },
    {
      metric: 'CPU per message (closed loop), bot vs echo',
      measured: `${fmt(median(m.bot.cpuMsPerMessage), 2)} vs ${fmt(median(m.echo.cpuMsPerMessage), 2)} ms (runs ${runs(m.bot.cpuMsPerMessage, 2)} vs ${runs(m.echo.cpuMsPerMessage, 2)})`,
      target: 'reference',
    },
    {
      metric: 'Latency p50 / p99 (closed loop), bot',
      measured: `${fmt(bot.p50.median, 1)} / ${fmt(bot.p99.median, 1)} ms`,
      target: 'reference',
    },
    {
      metric: 'Latency p50 / p99 (closed loop), echo',
      measured: `${fmt(echo.p50.median, 1)} / ${fmt(echo.p99.median, 1)} ms`,
      target: 'reference',
    },
    {
      metric: `At ${MESSAGE_LOAD.rate} msg/s: p50 / p99, bot vs echo`,
      measured: `${fmt(botFixed.p50.median, 1)} / ${fmt(botFixed.p99.median, 1)} ms vs ${fmt(echoFixed.p50.median, 1)} / ${fmt(echoFixed.p99.median, 1)} ms`,
      target: 'reference',
    },
    {
      metric: `p99 added by the bot at ${MESSAGE_LOAD.rate} msg/s`,
      measured: `${fmt(added, 1)} ms (runs ${runs(
        botFixed.p99.values.map((v, i) => v - (echoFixed.p99.values[i] ?? Number.NaN)),
        1,
      )})`,
      target: '≤ 15 ms',
      pass: added <= 15,
    },
    {
      metric: 'Answers verified / failed',
      measured: `bot ${fmt(m.bot.correct)} of ${fmt(m.bot.answered)}, ${failed([...m.bot.closed, ...m.bot.fixed])}; echo ${fmt(m.echo.correct)} of ${fmt(m.echo.answered)}, ${failed([...m.echo.closed, ...m.echo.fixed])}`,
      target: 'all verified, none failed',
      pass: allFine,
    },
  ];
}

function otherRows(m: MessageBench, cold: ColdStart): Row[] {
  const oboTotal = m.obo.signIn + m.obo.during;
  const lifetimes = Math.max(1, Math.ceil(m.obo.seconds / TOKEN_LIFETIME_S));
  return [
    {
      metric: `OBO token requests per ${fmt(m.obo.messages)} messages from one user`,
      measured: `${oboTotal} (${m.obo.signIn} at sign-in + ${m.obo.during} during ${fmt(m.obo.messages)} messages in ${fmt(m.obo.seconds, 1)} s)`,
      target: `1 per token lifetime (${TOKEN_LIFETIME_S} s) = ${lifetimes}`,
      pass: oboTotal <= lifetimes,
    },
    {
      metric: 'Cold start → first answered message',
      measured: `${fmt(cold.median)} ms (runs ${runs(cold.runs)})`,
      target: 'reference',
    },
    {
      metric: 'Peak RSS under load, bot (VmHWM)',
      measured: `${fmt(m.peakRssMb.bot, 1)} MB (echo bot ${fmt(m.peakRssMb.echo, 1)} MB)`,
      target: `≤ ${PEAK_RSS_TARGET_MB} MB`,
      pass: m.peakRssMb.bot <= PEAK_RSS_TARGET_MB,
    },
  ];
}

/** This build against the BENCH_BEFORE_DIR build, measured in the same run (interleaved with the others). */
function beforeRows(m: MessageBench): Row[] {
  if (!m.before) return [];
  const after = figures(m.bot.closed);
  const before = figures(m.before.closed);
  const afterFixed = figures(m.bot.fixed);
  const beforeFixed = figures(m.before.fixed);
  const verified = `${fmt(m.before.correct)} of ${fmt(m.before.answered)}`;
  return [
    {
      metric: 'Before build: throughput (closed loop)',
      measured: `${fmt(before.perSecond.median)} msg/s (runs ${runs(before.perSecond.values)}); after ÷ before ${ratio(after.perSecond.median, before.perSecond.median)}`,
      target: 'reference',
    },
    {
      metric: `Before build: p50 / p99 at ${MESSAGE_LOAD.rate} msg/s`,
      measured: `${fmt(beforeFixed.p50.median, 1)} / ${fmt(beforeFixed.p99.median, 1)} ms (after ${fmt(afterFixed.p50.median, 1)} / ${fmt(afterFixed.p99.median, 1)} ms; p99 after ÷ before ${ratio(afterFixed.p99.median, beforeFixed.p99.median)})`,
      target: 'reference',
    },
    {
      metric: 'Before build: CPU per message (closed loop)',
      measured: `${fmt(median(m.before.cpuMsPerMessage), 2)} ms (after ÷ before ${ratio(median(m.bot.cpuMsPerMessage), median(m.before.cpuMsPerMessage))})`,
      target: 'reference',
    },
    {
      metric: 'Before build: answers verified; peak RSS',
      measured: `${verified}; ${fmt(m.peakRssMb.before ?? Number.NaN, 1)} MB`,
      target: 'reference',
    },
  ];
}
