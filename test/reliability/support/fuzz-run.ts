import { invokeCard } from '../../support/cards';
import type { Answer, Harness, TestUser } from '../../support/harness';
import { cardValue, tokenExchangeValue } from './fuzz-cards';
import { fuzzText, hugeText } from './fuzz-text';
import type { Rng } from './rng';

/** The server's body limit (restify bodyParser `maxBodySize`). */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** Texts this long are above the limit: refused before parsing. */
export const OVER_LIMIT_BYTES = 300 * 1024;
const LOGIN_REQUEST = 'application/vnd.microsoft.activity.loginRequest';
const INVOKE_TYPES = new Set(['application/vnd.microsoft.error.preconditionFailed']);

/** One fuzz request: what it is, how to send it, and what its HTTP answer must look like. */
export interface FuzzCase {
  id: string;
  family: string;
  /** Connector messages (`reply:<id>`) allowed: a text gets exactly one; a refused token exchange may explain itself. */
  replies: { min: number; max: number };
  send(h: Harness): Promise<Answer>;
  /** Why the HTTP answer is wrong; undefined when fine. */
  judge(answer: Answer): string | undefined;
}

/** The generated cases, in send order: text messages (some huge), card actions and token exchanges. */
export function fuzzCases(
  rng: Rng,
  users: TestUser[],
  counts: { texts: number; cards: number; exchanges: number; huge: number; overLimit: number },
): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (let i = 0; i < counts.texts; i++) cases.push(textCase(`fz-${i}`, rng, rng.pick(users)));
  for (let i = 0; i < counts.huge; i++)
    cases.push(textCase(`fz-huge-${i}`, rng, rng.pick(users), hugeText(rng, 100 * 1024)));
  for (let i = 0; i < counts.overLimit; i++) cases.push(overLimitCase(`fz-over-${i}`, rng, rng.pick(users)));
  for (let i = 0; i < counts.cards; i++)
    cases.push(invokeCase(`fz-card-${i}`, 'adaptiveCard/action', cardValue(rng), rng.pick(users)));
  for (let i = 0; i < counts.exchanges; i++)
    cases.push(invokeCase(`fz-ex-${i}`, 'signin/tokenExchange', tokenExchangeValue(rng), rng.pick(users)));
  // Shuffle so texts, clicks and exchanges interleave, as in real traffic.
  return cases
    .map((c) => ({ c, k: rng.next() }))
    .sort((a, b) => a.k - b.k)
    .map(({ c }) => c);
}

function textCase(id: string, rng: Rng, user: TestUser, huge?: string): FuzzCase {
  const generated = huge === undefined ? fuzzText(rng) : { family: 'huge', text: huge };
  const conversation = rng.pick(['personal', 'personal', 'personal', 'channel', 'groupChat'] as const);
  return {
    id,
    family: generated.family,
    replies: { min: 1, max: 1 },
    send: (h) => h.message(user, generated.text, { id, conversation, mentionBot: conversation !== 'personal' }),
    judge: (a) => (a.status === 200 ? undefined : `HTTP ${a.status}`),
  };
}

function overLimitCase(id: string, rng: Rng, user: TestUser): FuzzCase {
  const text = hugeText(rng, OVER_LIMIT_BYTES);
  return {
    id,
    family: 'overLimit',
    replies: { min: 0, max: 0 },
    send: (h) => h.message(user, text, { id }),
    judge: (a) => (a.status === 413 ? undefined : `HTTP ${a.status} for a ${Buffer.byteLength(text)}-byte text`),
  };
}

function invokeCase(id: string, name: string, rawValue: string, user: TestUser): FuzzCase {
  let bytes = 0;
  return {
    id,
    family: name,
    replies: { min: 0, max: name === 'signin/tokenExchange' ? 1 : 0 },
    send: (h) => {
      const activity = JSON.stringify(h.activity(user, '', { id, replyToId: `card-of-${id}` }));
      const body = activity.replace(
        '"type":"message"',
        `"type":"invoke","name":${JSON.stringify(name)},"value":${rawValue}`,
      );
      bytes = Buffer.byteLength(body);
      return h.post(body);
    },
    // Oversized junk may exceed the server's body limit; then, and only then, 413 is the right answer.
    judge: (a) => (bytes > BODY_LIMIT_BYTES && a.status === 413 ? undefined : judgeInvoke(name, a)),
  };
}

/** An invoke answer Teams can use: a card (200), a sign-in request (200, statusCode 401) or a refused exchange (412). */
function judgeInvoke(name: string, a: Answer): string | undefined {
  if (JSON.stringify(a.body ?? '').length > 28 * 1024) return `invoke answer of ${JSON.stringify(a.body).length} bytes`;
  const body = a.body as { type?: string; statusCode?: number } | undefined;
  if (name === 'signin/tokenExchange')
    return a.status === 200 || a.status === 412 ? undefined : `tokenExchange answered ${a.status}`;
  if (a.status === 200 && body?.statusCode === 401 && body.type === LOGIN_REQUEST) return undefined;
  if (a.status === 200)
    return invokeCard(a) === undefined ? `200 without a card: ${JSON.stringify(a.body).slice(0, 200)}` : undefined;
  if (a.status === 412 && body?.type && INVOKE_TYPES.has(body.type)) return undefined;
  return `card action answered ${a.status} ${JSON.stringify(a.body ?? '').slice(0, 200)}`;
}
