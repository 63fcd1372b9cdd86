import { startSandbox, type Sandbox, type SandboxUser } from '../sandbox';
import { closedLoop, openLoop, type LoadResult, type Send } from './load';
import { BOT_ENTRY, ECHO_ENTRY, startNode, type NodeProcess } from './proc';
import { progress } from './report';
import { botBuilds } from './targets';
import { benchTenant } from './tenant';
import { TeamsClient } from './teams';

/** Load settings of the message path: bounded in count and time, loopback only. */
export const MESSAGE_LOAD = {
  users: 10,
  runs: 3,
  concurrency: 16,
  closedMs: 5_000,
  closedMax: 5_000,
  rate: 100,
  fixedCount: 800,
  warmup: 300,
  oboMessages: 1_000,
};

/** One bot's results: closed-loop and fixed-rate runs, and how many answers were checked correct. */
export interface TargetRuns {
  closed: LoadResult[];
  fixed: LoadResult[];
  /** Messages answered with the expected work (bot: GET + 202 POST at Graph and a reply; echo: a reply). */
  correct: number;
  answered: number;
  /** CPU time the bot process spent per answered message, per closed-loop run. */
  cpuMsPerMessage: number[];
}

/** Everything the message-path phases measured. */
export interface MessageBench {
  bot: TargetRuns;
  echo: TargetRuns;
  /** The BENCH_BEFORE_DIR build, run as a third target in the same sandbox, when set. */
  before?: TargetRuns;
  obo: { signIn: number; during: number; messages: number; seconds: number };
  peakRssMb: { bot: number; echo: number; before?: number };
}

type Target = { name: 'bot' | 'echo' | 'before'; client: TeamsClient; proc: NodeProcess; runs: TargetRuns };

/** Runs the message-path load against the real bot and the echo bot (both child processes) in one sandbox. */
export async function runMessageBench(): Promise<MessageBench> {
  const tenant = benchTenant({ admins: MESSAGE_LOAD.users + 1, packages: [50] });
  const ids = tenant.packages[0]?.assignmentIds ?? [];
  const users = tenant.admins.slice(0, MESSAGE_LOAD.users);
  const sandbox = await startSandbox({ data: tenant.data });
  const started: NodeProcess[] = [];
  try {
    const beforeBuild = botBuilds().find((b) => b.name === 'before');
    const bot = await startNode('bot', BOT_ENTRY, sandbox.env).then((p) => (started.push(p), p));
    const echo = await startNode('echo', ECHO_ENTRY, sandbox.env).then((p) => (started.push(p), p));
    const before = beforeBuild
      ? await startNode('before', beforeBuild.entry, sandbox.env).then((p) => (started.push(p), p))
      : undefined;
    const procs: [Target['name'], NodeProcess][] = [
      ['bot', bot],
      ['echo', echo],
      ...(before ? [['before', before] as [Target['name'], NodeProcess]] : []),
    ];
    const targets: Target[] = procs.map(([name, proc]) => ({
      name,
      client: new TeamsClient(sandbox, proc.url),
      proc,
      runs: emptyRuns(),
    }));
    const botClient = targets[0]?.client as TeamsClient;
    for (const t of targets.filter((x) => x.name !== 'echo')) for (const user of users) await t.client.signIn(user);
    const send =
      (client: TeamsClient): Send =>
      (i) =>
        client.message(users[i % users.length] as SandboxUser, `reprocess ${ids[i % ids.length]}`);
    for (const t of targets)
      await closedLoop(send(t.client), {
        concurrency: MESSAGE_LOAD.concurrency,
        maxCount: MESSAGE_LOAD.warmup,
        maxMs: 30_000,
      });
    for (let run = 1; run <= MESSAGE_LOAD.runs; run++) {
      for (const t of targets) {
        progress(
          `messages: run ${run}/${MESSAGE_LOAD.runs}, ${t.name}: closed loop (${MESSAGE_LOAD.concurrency} concurrent) then ${MESSAGE_LOAD.rate} msg/s`,
        );
        const cpuBefore = t.proc.cpuMs();
        const closed = await checked(sandbox, t, () =>
          closedLoop(send(t.client), {
            concurrency: MESSAGE_LOAD.concurrency,
            maxCount: MESSAGE_LOAD.closedMax,
            maxMs: MESSAGE_LOAD.closedMs,
          }),
        );
        t.runs.closed.push(closed);
        t.runs.cpuMsPerMessage.push((t.proc.cpuMs() - cpuBefore) / closed.ok);
        t.runs.fixed.push(
          await checked(sandbox, t, () =>
            openLoop(send(t.client), {
              ratePerSecond: MESSAGE_LOAD.rate,
              count: MESSAGE_LOAD.fixedCount,
              maxInFlight: 200,
            }),
          ),
        );
      }
    }
    progress(`messages: ${MESSAGE_LOAD.oboMessages} messages from one user, counting OBO calls`);
    const obo = await oboPerUser(sandbox, botClient, tenant.admins[MESSAGE_LOAD.users] as SandboxUser, ids);
    const [botRuns, echoRuns, beforeRuns] = targets.map((t) => t.runs) as [
      TargetRuns,
      TargetRuns,
      TargetRuns | undefined,
    ];
    const peakRssMb = {
      bot: bot.peakRssMb(),
      echo: echo.peakRssMb(),
      ...(before ? { before: before.peakRssMb() } : {}),
    };
    return { bot: botRuns, echo: echoRuns, ...(beforeRuns ? { before: beforeRuns } : {}), obo, peakRssMb };
  } finally {
    for (const p of started) await p.stop();
    await sandbox.stop();
  }
}

function emptyRuns(): TargetRuns {
  return { closed: [], fixed: [], correct: 0, answered: 0, cpuMsPerMessage: [] };
}

/** Runs one phase and checks, from the emulators' records, that every 2xx answer did the expected work. */
async function checked(sandbox: Sandbox, target: Target, phase: () => Promise<LoadResult>): Promise<LoadResult> {
  sandbox.channel.clear();
  sandbox.graph.clearCalls();
  const result = await phase();
  const replies = sandbox.channel.records.filter((r) => r.kind === 'reply').length;
  const reprocessed = sandbox.graph.calls.filter((c) => !c.batched && c.method === 'POST' && c.status === 202).length;
  const reads = sandbox.graph.calls.filter((c) => c.method === 'GET' && c.status === 200).length;
  const correct = target.name === 'echo' ? replies : Math.min(replies, reprocessed, reads);
  target.runs.correct += Math.min(correct, result.ok);
  target.runs.answered += result.ok;
  sandbox.channel.clear();
  sandbox.graph.clearCalls();
  return result;
}

/** Signs one fresh user in, sends `oboMessages` reprocess commands as them, and counts their OBO token requests. */
async function oboPerUser(
  sandbox: Sandbox,
  client: TeamsClient,
  user: SandboxUser,
  ids: string[],
): Promise<MessageBench['obo']> {
  const before = sandbox.entra.oboCount(user.oid);
  await client.signIn(user);
  const signIn = sandbox.entra.oboCount(user.oid) - before;
  const send: Send = (i) => client.message(user, `reprocess ${ids[i % ids.length]}`);
  const load = await closedLoop(send, { concurrency: 8, maxCount: MESSAGE_LOAD.oboMessages, maxMs: 60_000 });
  sandbox.channel.clear();
  sandbox.graph.clearCalls();
  if (load.ok !== MESSAGE_LOAD.oboMessages)
    throw new Error(`only ${load.ok} of ${MESSAGE_LOAD.oboMessages} messages from one user were answered 2xx`);
  return {
    signIn,
    during: sandbox.entra.oboCount(user.oid) - before - signIn,
    messages: load.ok,
    seconds: load.elapsedMs / 1000,
  };
}
