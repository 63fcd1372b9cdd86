import type { GraphInjection } from '../../sandbox/graph';
import { startHarness, type Harness } from '../support/harness';
import { admins, reliabilityTenant, slot } from './support/tenant';
import { AnswerBook } from './support/answers';
import { callsOn, HANG_MS, stepsOf, type CommandKind, type Via } from './support/faults';
import { answerOf, type Answered } from './support/traffic';
import { ANSWER_BUDGET_MS, summarize } from './support/wording';
import { facts, joinedTexts, titleOf } from '../support/cards';
import type { AdaptiveCardJson } from '../../src/cards/templates';

// One command per scenario, each on its own assignment, all run at once: the slow ones overlap.
interface Scenario {
  kind: CommandKind;
  via: Via;
  /** Injection per Graph call of the command (GET, then POST). */
  faults: (Omit<GraphInjection, 'method' | 'path'> | undefined)[];
}

const SCENARIOS = {
  // Without Retry-After the SDK backs off 1, 3, then 5 s plus random jitter; three copies so the jitter can't hide it.
  persistent503a: { kind: 'reprocess', via: 'text', faults: [{ status: 503, times: 20 }] },
  persistent503b: { kind: 'status', via: 'text', faults: [{ status: 503, times: 20 }] },
  persistent503c: { kind: 'reprocess', via: 'click', faults: [{ status: 503, times: 20 }] },
  throttledThenHung: {
    kind: 'reprocess',
    via: 'text',
    faults: [{ status: 429, retryAfterSeconds: 5, times: 1 }, { delayMs: HANG_MS }],
  },
  clickThrottledThenHung: {
    kind: 'reprocess',
    via: 'click',
    faults: [{ status: 429, retryAfterSeconds: 5, times: 1 }, { delayMs: HANG_MS }],
  },
  reset: { kind: 'reprocess', via: 'text', faults: [undefined, { resetConnection: true }] },
  hung: { kind: 'status', via: 'text', faults: [{ delayMs: HANG_MS }] },
  unavailable: {
    kind: 'reprocess',
    via: 'text',
    faults: [undefined, { status: 503, retryAfterSeconds: 30, times: 1 }],
  },
  briefThrottle: {
    kind: 'request',
    via: 'click',
    faults: [undefined, { status: 429, retryAfterSeconds: 1, times: 1 }],
  },
} satisfies Record<string, Scenario>;
type Name = keyof typeof SCENARIOS;
const NAMES = Object.keys(SCENARIOS) as Name[];

let h: Harness;
let book: AnswerBook;
const answers = {} as Record<Name, Answered>;
const user = admins(1)[0]!;

beforeAll(async () => {
  h = await startHarness({
    sandbox: { data: reliabilityTenant({ slots: NAMES.length, admins: 1, newcomers: 0 }) },
    signedIn: [user],
  });
  book = new AnswerBook(h.sandbox.channel);
  await Promise.all(
    NAMES.map(async (name, index) => {
      const s: Scenario = SCENARIOS[name];
      stepsOf(s.kind, slot(index)).forEach((step, i) => {
        const fault = s.faults[i];
        if (fault) h.sandbox.graph.inject({ method: step.method, path: step.path, ...fault });
      });
      answers[name] = await answerOf(h, book, { index, via: s.via, kind: s.kind, slot: slot(index), user });
    }),
  );
  process.stdout.write(
    `[fault-budget]\n${NAMES.map((n) => `  ${n}: ${answers[n].ms} ms ${summarize(card(n))}`).join('\n')}\n`,
  );
}, 60_000);

afterAll(async () => {
  book?.stop();
  await h?.stop();
});

/** The definitive card came within Teams' 10 s, and it is the card of a fault that outlasted the budget. */
function expectInTime(name: Name, ...failureTitles: string[]): void {
  expect(answers[name].problems).toEqual([]);
  expect(failureTitles).toContain(titleOf(card(name)));
  expect(answers[name].ms).toBeLessThanOrEqual(ANSWER_BUDGET_MS);
}
// A 5 s Retry-After is waited out only while it still fits the 8 s budget: on a loaded machine the read may answer
// late enough that it no longer does, and the throttled card is the right answer instead of the hung write's.
const THROTTLED_OR_HUNG = ['Microsoft Graph failed', 'Microsoft Graph is throttling requests'];
const card = (name: Name): AdaptiveCardJson => answers[name].card ?? {};
const callIds = (name: Name) => callsOn(h.sandbox.graph.calls, slot(NAMES.indexOf(name))).map((c) => c.clientRequestId);

describe("the Graph budget is the command's, not each call's", () => {
  it('a 503 that persists without Retry-After is answered within 10 s (text, status and click)', () => {
    for (const name of ['persistent503a', 'persistent503b', 'persistent503c'] as const)
      expectInTime(name, 'Microsoft Graph is temporarily unavailable');
  });

  it('a read throttled for 5 s followed by a hung write is answered within 10 s', () => {
    expectInTime('throttledThenHung', ...THROTTLED_OR_HUNG);
  });

  it('a click whose read is throttled and whose write hangs gets its final card within 10 s', () => {
    expectInTime('clickThrottledThenHung', ...THROTTLED_OR_HUNG);
  });

  it('a brief 429 on a click is retried and the request reprocess is queued', () => {
    expect(titleOf(card('briefThrottle'))).toBe('Request reprocess queued');
    expect(answers.briefThrottle.ms).toBeLessThan(ANSWER_BUDGET_MS);
  });
});

describe('failures without an HTTP answer are worded as such', () => {
  it('a connection reset says Graph did not answer (not "answered HTTP 0") and shows the client-request-id', () => {
    expect(titleOf(card('reset'))).toBe('Microsoft Graph failed');
    expect(joinedTexts(card('reset'))).not.toMatch(/HTTP 0\b/);
    expect(joinedTexts(card('reset'))).toMatch(/did not answer|didn't answer|no answer|connection/i);
    expect(callIds('reset')).toContain(facts(card('reset'))['client-request-id']);
  });

  it('a hung call says Graph did not answer in time (not "answered HTTP 0")', () => {
    expect(titleOf(card('hung'))).toBe("Couldn't check status");
    expect(joinedTexts(card('hung'))).not.toMatch(/HTTP 0\b/);
    expect(joinedTexts(card('hung'))).toMatch(/in time|timed out|within/i);
    expect(answers.hung.ms).toBeLessThan(ANSWER_BUDGET_MS);
  });

  it('a 503 beyond the budget is not described as a 429', () => {
    expect(titleOf(card('unavailable'))).toBe('Microsoft Graph is temporarily unavailable');
    expect(joinedTexts(card('unavailable'))).toMatch(/Try again in 30 seconds/);
    expect(joinedTexts(card('unavailable'))).not.toMatch(/\(429\)/);
  });
});
