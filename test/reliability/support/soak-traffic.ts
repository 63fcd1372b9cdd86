import type { AdaptiveCardJson } from '../../../src/cards/templates';
import { invokeCard, titleOf } from '../../support/cards';
import type { Harness, TestUser } from '../../support/harness';
import type { AnswerBook } from './answers';
import type { Rng } from './rng';
import { slot } from './tenant';
import { clickValue } from './traffic';
import { ANSWER_BUDGET_MS, isWorking } from './wording';

/** Counts of a soak run's commands by how they were answered. */
export interface TrafficCounts {
  sent: number;
  answered: number;
  late: number;
  missing: number;
  /** Answered in time, but not with the card the command calls for. */
  wrong: number;
  serverErrors: number;
}

type Kind = 'reprocess' | 'status' | 'request' | 'clickStatus' | 'clickReprocess' | 'help' | 'history';
const MIX: readonly Kind[] = [
  'reprocess',
  'reprocess',
  'status',
  'status',
  'request',
  'clickStatus',
  'clickReprocess',
  'help',
  'history',
];

// Every slot is a delivered assignment with a failed request from yesterday, and every user an admin: each kind
// has exactly one right answer, however often it is repeated.
const TITLE: Record<Kind, string> = {
  reprocess: 'Reprocess queued',
  status: 'Assignment status',
  request: 'Request reprocess queued',
  clickStatus: 'Assignment status',
  clickReprocess: 'Reprocess queued',
  help: 'Reprocess',
  history: 'Your recent reprocess activity',
};
const KEEP_WRONG = 10;

/** One command of the mix, sent as `user`, judged on its answer (`wrong` collects the first few bad ones). */
export async function soakCommand(
  h: Harness,
  book: AnswerBook,
  rng: Rng,
  n: number,
  user: TestUser,
  slots: number,
  counts: TrafficCounts,
  wrong: string[],
): Promise<void> {
  const kind = rng.pick(MIX);
  const s = slot(rng.int(slots));
  const id = `soak-${n}`;
  const started = Date.now();
  counts.sent++;
  const judge = (status: number, card: AdaptiveCardJson | undefined, at: number) => {
    if (status >= 500) counts.serverErrors++;
    if (!card) return void counts.missing++;
    if (at - started > ANSWER_BUDGET_MS) return void counts.late++;
    if (titleOf(card) === TITLE[kind]) return void counts.answered++;
    counts.wrong++;
    if (wrong.length < KEEP_WRONG) wrong.push(`${id} ${kind}: HTTP ${status}, card "${titleOf(card)}"`);
  };
  if (kind === 'clickStatus' || kind === 'clickReprocess') {
    const cardId = `soak-card-${n}`;
    const value = clickValue({ kind: kind === 'clickStatus' ? 'status' : 'reprocess', slot: s });
    const answer = await h.invoke(user, 'adaptiveCard/action', value, { id, replyToId: cardId });
    const card = invokeCard(answer);
    if (!card || !isWorking(card)) return judge(answer.status, card, Date.now());
    // Slower than the invoke deadline: the final card comes later, replacing the clicked card when the bot posted
    // it, else (as for these made-up card ids) as a message of its own in reply to the click.
    const keys = [`update:${cardId}`, `reply:${id}`];
    const late = await Promise.race(keys.map((key) => book.first(key, ANSWER_BUDGET_MS * 2)));
    for (const key of keys) book.forget(key);
    return judge(answer.status, late?.card, late?.at ?? Date.now());
  }
  const texts: Record<typeof kind, string> = {
    reprocess: `reprocess ${s.assignmentId}`,
    status: `status ${s.assignmentId}`,
    request: `reprocess request ${s.requestId}`,
    help: 'help',
    history: 'history',
  };
  const answer = await h.message(user, texts[kind], { id });
  const seen = await book.first(`reply:${id}`, ANSWER_BUDGET_MS * 2);
  book.forget(`reply:${id}`);
  judge(answer.status, seen?.card, seen?.at ?? Date.now());
}
