import { conversationIdFor } from '../../../sandbox/activities';
import { exchangeValue, type Harness, type TestUser } from '../../support/harness';
import { AnswerBook, isSignInPrompt } from './answers';
import { decisiveFault, type FaultKind } from './faults';
import type { Slot } from './tenant';
import { clickValue, type Verdict } from './traffic';
import { ANSWER_BUDGET_MS, cardProblems, expectedCard, OBO_FAULTS, type OboKind } from './wording';

/** A first command from a user who is not signed in: prompt, token exchange (maybe refused by Entra), result. */
export interface PlannedSignIn {
  index: number;
  user: TestUser;
  obo?: OboKind;
  slot: Slot;
  /** Faults met by the reprocess that runs once sign-in succeeds. */
  faults: (FaultKind | undefined)[];
}

const GRACE_MS = 6_000;
const PRECONDITION_FAILED = 'application/vnd.microsoft.error.preconditionFailed';

/** Runs the sign-in flow the way Teams drives it and judges each step's answer. */
export async function runSignIn(h: Harness, book: AnswerBook, s: PlannedSignIn): Promise<Verdict[]> {
  const label = `sign-in #${s.index} ${s.obo ?? 'ok'} [${s.faults.map((f) => f ?? '-').join(',')}] ${s.user.name}`;
  const verdicts = [await prompt(h, book, s, label), await exchange(h, book, s, label)];
  if (s.obo) verdicts.push(await refusedClick(h, s, label));
  return verdicts;
}

async function prompt(h: Harness, book: AnswerBook, s: PlannedSignIn, label: string): Promise<Verdict> {
  const started = Date.now();
  const id = `si-msg-${s.index}`;
  const http = await h.message(s.user, `reprocess ${s.slot.assignmentId}`, { id });
  const seen = await book.first(`reply:${id}`, ANSWER_BUDGET_MS + GRACE_MS);
  const problems = http.status === 200 ? [] : [`HTTP ${http.status}`];
  if (!seen || !isSignInPrompt(seen)) problems.push('no sign-in prompt');
  return timed(`${label} prompt`, started, seen?.at, problems);
}

async function exchange(h: Harness, book: AnswerBook, s: PlannedSignIn, label: string): Promise<Verdict> {
  const started = Date.now();
  const id = `si-ex-${s.index}`;
  const http = await h.invoke(s.user, 'signin/tokenExchange', exchangeValue(h.sandbox, s.user, `exchange-${s.index}`), {
    id,
  });
  const problems = http.status === (s.obo ? 412 : 200) ? [] : [`token exchange answered ${http.status}`];
  if (Date.now() - started > ANSWER_BUDGET_MS)
    problems.push(`token exchange answered after ${Date.now() - started} ms`);
  // Refused: the card explains why. Accepted: the command that asked for sign-in runs (in a new turn) and answers.
  // Either way it is the second message of the user's 1:1 chat, after the sign-in prompt.
  const seen = await book.nth(conversationOf(h, s.user), 2, ANSWER_BUDGET_MS + GRACE_MS - (Date.now() - started));
  const expected = s.obo ? OBO_FAULTS[s.obo].card : expectedCard('reprocess', decisiveFault(s.faults));
  if (!seen) problems.push('no card after the token exchange');
  else problems.push(...cardProblems(seen.card, expected));
  return timed(`${label} exchange`, started, seen?.at, problems);
}

async function refusedClick(h: Harness, s: PlannedSignIn, label: string): Promise<Verdict> {
  const started = Date.now();
  const authentication = exchangeValue(h.sandbox, s.user, `click-exchange-${s.index}`);
  const value = clickValue({ kind: 'reprocess', slot: s.slot }, { authentication });
  const http = await h.invoke(s.user, 'adaptiveCard/action', value, {
    id: `si-click-${s.index}`,
    replyToId: `si-card-${s.index}`,
  });
  const type = (http.body as { type?: string } | undefined)?.type;
  const problems =
    http.status === 412 && type === PRECONDITION_FAILED
      ? []
      : [`click with a refused token answered ${http.status} ${type}`];
  return timed(`${label} click`, started, Date.now(), problems);
}

function timed(label: string, started: number, at: number | undefined, problems: string[]): Verdict {
  const ms = (at ?? Date.now()) - started;
  return { label, ms, problems: ms > ANSWER_BUDGET_MS ? [...problems, `answered after ${ms} ms`] : problems };
}

/** Connector messages of a sign-in flow after the run: the prompt and one card in the user's chat, none for the click. */
export function duplicateSignInAnswers(h: Harness, book: AnswerBook, s: PlannedSignIn): string | undefined {
  const counts = [
    book.of(`reply:si-msg-${s.index}`).length,
    book.of(conversationOf(h, s.user)).length,
    book.of(`reply:si-click-${s.index}`).length,
  ];
  return counts.join(',') === '1,2,0'
    ? undefined
    : `sign-in #${s.index}: prompt/chat/click messages ${counts.join('/')}`;
}

/** The book key of the user's 1:1 chat with the bot. */
function conversationOf(h: Harness, user: TestUser): string {
  return `conversation:${conversationIdFor('personal', user.oid, h.sandbox.env.BOT_ID ?? '', '')}`;
}
