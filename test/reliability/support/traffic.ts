import { Verbs, type AdaptiveCardJson } from '../../../src/cards/templates';
import { invokeCard } from '../../support/cards';
import type { Answer, Harness } from '../../support/harness';
import { AnswerBook } from './answers';
import { decisiveFault, type Planned } from './faults';
import { ANSWER_BUDGET_MS, cardProblems, expectedCard, isWorking } from './wording';

/** How one command went: how long its definitive answer took and what was wrong with it. */
export interface Verdict {
  label: string;
  ms: number;
  problems: string[];
  /** The definitive answer's card, when there was one. */
  card?: AdaptiveCardJson;
}

// Keep waiting a little past the budget, so a late answer is reported as late rather than missing.
const GRACE_MS = 6_000;

/** `#3 text reprocess [hang,-] Reliability ad 1`: enough to find the command in the schedule. */
export function labelOf(p: Planned): string {
  return `#${p.index} ${p.via} ${p.kind} [${p.faults.map((f) => f ?? '-').join(',')}] ${p.user.name}`;
}

/** The text command of a planned command. */
export function commandText(p: Pick<Planned, 'kind' | 'slot'>): string {
  if (p.kind === 'reprocess') return `reprocess ${p.slot.assignmentId}`;
  if (p.kind === 'status') return `status ${p.slot.assignmentId}`;
  return `reprocess request ${p.slot.requestId}`;
}

/** The `adaptiveCard/action` value of the button that does the planned command. */
export function clickValue(
  p: Pick<Planned, 'kind' | 'slot'>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const action =
    p.kind === 'request'
      ? { type: 'Action.Execute', verb: Verbs.reprocessRequest, data: { requestId: p.slot.requestId } }
      : {
          type: 'Action.Execute',
          verb: p.kind === 'status' ? Verbs.status : Verbs.reprocess,
          data: { assignmentId: p.slot.assignmentId },
        };
  return { action, trigger: 'manual', ...extra };
}

/** Runs a planned command and judges its answer: in time, one card, the wording its faults call for. */
export async function runPlanned(h: Harness, book: AnswerBook, p: Planned): Promise<Verdict> {
  const answer = await answerOf(h, book, p);
  const problems = [...answer.problems];
  if (answer.card === undefined) problems.push('no definitive answer');
  else problems.push(...cardProblems(answer.card, expectedCard(p.kind, decisiveFault(p.faults))));
  if (answer.ms > ANSWER_BUDGET_MS) problems.push(`answered after ${answer.ms} ms`);
  return { label: labelOf(p), ms: answer.ms, problems, card: answer.card };
}

/** A command's definitive answer: the card (text: the reply; click: the invoke's card or the update replacing "working"). */
export interface Answered {
  card?: AdaptiveCardJson;
  at: number;
  /** From sending the command to its definitive answer. */
  ms: number;
  problems: string[];
}

/** Sends the command as text or click and waits (a little past the budget) for its definitive answer. */
export async function answerOf(
  h: Harness,
  book: AnswerBook,
  p: Pick<Planned, 'index' | 'via' | 'kind' | 'slot' | 'user'>,
): Promise<Answered> {
  const card = p.via === 'click' ? await postedCard(h, book, p) : undefined;
  const started = Date.now();
  const answer =
    card === undefined ? await textAnswer(h, book, p, started) : await clickAnswer(h, book, p, started, card);
  return { ...answer, ms: answer.at - started };
}

// The message each click's button sits on, by command: a card the bot posted, as in Teams.
const clickedCards = new Map<number, string>();

/** Has the bot post a card (its help card) in the user's 1:1 chat and returns its message id, which a click names. */
async function postedCard(h: Harness, book: AnswerBook, p: Command): Promise<string> {
  const id = `card-msg-${p.index}`;
  await h.message(p.user, 'help', { id });
  const posted = (await book.first(`reply:${id}`, ANSWER_BUDGET_MS + GRACE_MS))?.activityId;
  if (!posted) throw new Error(`the bot posted no card for click #${p.index} to sit on`);
  clickedCards.set(p.index, posted);
  return posted;
}

type Sent = Omit<Answered, 'ms'>;
type Command = Pick<Planned, 'index' | 'kind' | 'slot' | 'user'>;

async function textAnswer(h: Harness, book: AnswerBook, p: Command, started: number): Promise<Sent> {
  const id = `cmd-${p.index}`;
  const http = await h.message(p.user, commandText(p), { id });
  const httpMs = Date.now() - started;
  const seen = await book.first(`reply:${id}`, started + ANSWER_BUDGET_MS + GRACE_MS - Date.now());
  const problems = http.status === 200 ? [] : [`HTTP ${http.status}`];
  if (httpMs > ANSWER_BUDGET_MS) problems.push(`HTTP answer after ${httpMs} ms`);
  return { card: seen?.card, at: seen?.at ?? Date.now(), problems };
}

async function clickAnswer(h: Harness, book: AnswerBook, p: Command, started: number, cardId: string): Promise<Sent> {
  const http: Answer = await h.invoke(p.user, 'adaptiveCard/action', clickValue(p), {
    id: `click-${p.index}`,
    replyToId: cardId,
  });
  const at = Date.now();
  const card = invokeCard(http);
  if (card === undefined) return { at, problems: [`invoke answered ${http.status} without a card`] };
  if (at - started > ANSWER_BUDGET_MS) return { card, at, problems: [`invoke answered after ${at - started} ms`] };
  if (!isWorking(card)) return { card, at, problems: [] };
  // The interim card is fine if the real one replaces it in time.
  const update = await book.first(`update:${cardId}`, started + ANSWER_BUDGET_MS + GRACE_MS - Date.now());
  return { card: update?.card, at: update?.at ?? Date.now(), problems: [] };
}

/** Connector messages per command after the run: a text command has one reply; a click, no reply and ≤ 1 update. */
export function duplicateAnswers(book: AnswerBook, p: Planned): string | undefined {
  if (p.via === 'text') {
    const n = book.of(`reply:cmd-${p.index}`).length;
    return n === 1 ? undefined : `${labelOf(p)}: ${n} messages answered it`;
  }
  const replies = book.of(`reply:click-${p.index}`).length;
  const updates = book.of(`update:${clickedCards.get(p.index) ?? `card-${p.index}`}`).length;
  return replies === 0 && updates <= 1 ? undefined : `${labelOf(p)}: ${replies} replies and ${updates} updates`;
}
