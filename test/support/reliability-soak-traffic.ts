import type { TestUser } from '../e2e/harness';
import type { AnswerBook } from './reliability-answers';
import { invokeCard } from './reliability-answers';
import type { ReliabilityHarness } from './reliability-harness';
import type { Rng } from './reliability-rng';
import { slot } from './reliability-tenant';
import { clickValue } from './reliability-traffic';
import { ANSWER_BUDGET_MS } from './reliability-wording';

/** Counts of a soak run's commands by how they were answered. */
export interface TrafficCounts {
  sent: number;
  answered: number;
  late: number;
  missing: number;
  serverErrors: number;
  /** Ticks skipped because too many commands were still in flight (the bot could not keep the rate). */
  skipped: number;
}

type Kind = 'reprocess' | 'status' | 'request' | 'clickStatus' | 'clickReprocess' | 'help' | 'history';
const MIX: readonly Kind[] = ['reprocess', 'reprocess', 'status', 'status', 'request', 'clickStatus', 'clickReprocess', 'help', 'history'];

/** One command of the mix, sent as `user`, judged on its answer; the book forgets it afterwards. */
export async function soakCommand(h: ReliabilityHarness, book: AnswerBook, rng: Rng, n: number, user: TestUser, slots: number, counts: TrafficCounts): Promise<void> {
  const kind = rng.pick(MIX);
  const s = slot(rng.int(slots));
  const id = `soak-${n}`;
  const started = Date.now();
  counts.sent++;
  if (kind === 'clickStatus' || kind === 'clickReprocess') {
    const value = clickValue({ kind: kind === 'clickStatus' ? 'status' : 'reprocess', slot: s });
    const answer = await h.invoke(user, 'adaptiveCard/action', value, { id, replyToId: `soak-card-${n}` });
    record(counts, answer.status, invokeCard(answer) !== undefined, Date.now() - started);
    return;
  }
  const texts: Record<typeof kind, string> = {
    reprocess: `reprocess ${s.assignmentId}`,
    status: `status ${s.assignmentId}`,
    request: `reprocess request ${s.requestId}`,
    help: 'help',
    history: 'history',
  };
  const answer = await h.message(user, texts[kind], { id });
  const seen = await book.first(`reply:${id}`, ANSWER_BUDGET_MS);
  book.forget(`reply:${id}`);
  record(counts, answer.status, seen !== undefined, (seen?.at ?? Date.now()) - started);
}

function record(counts: TrafficCounts, status: number, answered: boolean, ms: number): void {
  if (status >= 500) counts.serverErrors++;
  if (!answered) counts.missing++;
  else if (ms > ANSWER_BUDGET_MS) counts.late++;
  else counts.answered++;
}
