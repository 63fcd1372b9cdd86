import { exchangeValue, startHarness, type Harness } from '../support/harness';
import { actionsOf, cardIn, cardsOf, invokeCard, joinedTexts, titleOf } from '../support/cards';
import { replay } from './teams-fixtures';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

// Real Teams activity shapes (test/fixtures/teams, each naming its capture), replayed with our ids and re-signed.
let h: Harness;
const A = DEMO.assignments;
const { admin, manager } = DEMO.users;
const MENTION = '<at>Reprocess</at>';

beforeAll(async () => {
  h = await startHarness({ signedIn: [admin] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

/** What the bot did for one message: the title of the card it answered and the Graph calls it made. */
async function outcome(name: string, text: string): Promise<{ title: string; graph: string[] }> {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
  expect((await replay(h, name, admin, (a) => void (a.text = text))).status).toBe(200);
  const reply = await h.waitFor((r) => cardsOf(r.activity).length > 0);
  return { title: titleOf(cardIn(reply)), graph: h.sandbox.graph.calls.map((c) => `${c.method} ${c.path}?${c.query}`) };
}

const decorations = (command: string, mention: string) => [
  `${mention}${command}\n`,
  `\r\n${mention}${command}\r\n`,
  `${mention}${command} `,
  `${mention}${command.replace(' ', '\u00a0')}`,
  `${mention}${command.replace(' ', '&nbsp;')}`,
  `${mention ? `${MENTION}&nbsp;` : ''}${command}`,
];

describe.each([
  ['personal-message', ''],
  ['channel-mention', `${MENTION} `],
  ['groupchat-mention', `${MENTION} `],
])('%s: decorated texts give exactly the outcome of the plain text', (name, mention) => {
  it.each([
    [`status ${A.deliveryFailed}`, 'Assignment status'],
    ['reprocess not-an-id', "That isn't an assignment id"],
    ['help', 'Reprocess'],
  ])('%s', async (command, title) => {
    const plain = await outcome(name, `${mention}${command}`);
    expect(plain.title).toBe(title);
    for (const text of decorations(command, mention))
      expect([JSON.stringify(text), await outcome(name, text)]).toEqual([JSON.stringify(text), plain]);
  });
});

// A click on "Check status" as Teams sends it: the whole button copied into value.action, title included.
const CHECK_STATUS_CLICK = {
  action: { type: 'Action.Execute', title: 'Check status', verb: Verbs.status, data: { assignmentId: A.delivered } },
  trigger: 'manual',
};

describe('invokes and events as Teams sends them', () => {
  it('adaptiveCard/action with the whole button copied into value.action (title, channelData.source, legacy) runs the verb', async () => {
    const answer = await replay(h, 'adaptive-card-action', admin, (a) => void (a['value'] = CHECK_STATUS_CLICK));
    expect(answer.status).toBe(200);
    expect(titleOf(invokeCard(answer) ?? {})).toBe('Assignment status');
  });

  it('the same click from someone not signed in is answered HTTP 200 with a 401 loginRequest; the retry with a token runs it', async () => {
    const login = await replay(h, 'adaptive-card-action', manager, (a) => void (a['value'] = CHECK_STATUS_CLICK));
    expect(login).toMatchObject({
      status: 200,
      body: {
        statusCode: 401,
        type: 'application/vnd.microsoft.activity.loginRequest',
        value: { connectionName: expect.stringMatching(/\S/) },
      },
    });
    const retried = await replay(
      h,
      'adaptive-card-action',
      manager,
      (a) => void (a['value'] = { ...CHECK_STATUS_CLICK, authentication: exchangeValue(h.sandbox, manager) }),
    );
    expect(titleOf(invokeCard(retried) ?? {})).toBe('Assignment status');
  });

  it('signin/tokenExchange is answered 200 with its id and connection name', async () => {
    const answer = await replay(
      h,
      'signin-token-exchange',
      manager,
      (a) =>
        void (a['value'] = {
          ...exchangeValue(h.sandbox, manager, 'fc67c7b5-replay'),
          connectionName: 'reprocess-sso',
        }),
    );
    expect(answer).toMatchObject({ status: 200, body: { id: 'fc67c7b5-replay', connectionName: 'reprocess-sso' } });
  });

  it('signin/failure is answered 200, logged with its code, and explained in one card naming what an admin checks', async () => {
    const answer = await replay(h, 'signin-failure', admin);
    expect(answer.status).toBe(200);
    const card = cardIn(await h.waitFor((r) => cardsOf(r.activity).length > 0));
    expect(titleOf(card)).toBe('Teams could not sign you in to Reprocess');
    const words = joinedTexts(card);
    for (const part of [
      'Application ID URI',
      h.sandbox.env.SSO_APP_ID_URI ?? 'missing',
      'webApplicationInfo',
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
      'signin/failure: resourcematchfailed',
    ])
      expect(words).toContain(part);
    expect(h.sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);
    expect(
      h.logs
        .entries()
        .filter((l) => l['msg'] === 'Teams reported signin/failure')
        .map((l) => l['code']),
    ).toEqual(['resourcematchfailed']);
  });

  it('conversationUpdate adding the bot is welcomed with the help card', async () => {
    expect((await replay(h, 'conversation-update', admin)).status).toBe(200);
    const card = cardIn(await h.waitFor((r) => cardsOf(r.activity).length > 0));
    expect(titleOf(card)).toBe('Reprocess');
    expect(actionsOf(card).map((a) => a.verb)).toEqual([Verbs.reprocess, Verbs.status]);
  });

  it.each(['installation-update', 'message-reaction'])('%s is accepted and does nothing', async (name) => {
    expect((await replay(h, name, admin)).status).toBe(200);
    expect((await replay(h, 'personal-message', admin, (a) => void (a.text = 'help'))).status).toBe(200);
    await h.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(h.sandbox.channel.records).toHaveLength(1);
    expect(h.sandbox.channel.records.map((r) => titleOf(cardIn(r)))).toEqual(['Reprocess']);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });
});
