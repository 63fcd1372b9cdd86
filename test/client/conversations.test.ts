import { DEMO } from '../../sandbox/graph-data';
import { facts, titleOf } from '../support/cards';
import { answeredCard, startClientHarness, type ClientHarness } from './harness';

// Team channels and group chats in the Agents Playground: @mentions, answers in the thread, cards whose buttons
// act as whoever clicks them, updated for everyone.
const A = DEMO.assignments;
let h: ClientHarness;

beforeAll(async () => {
  h = await startClientHarness();
}, 60_000);
afterAll(() => h?.stop(), 30_000);

const posts = () => h.launched.sandbox.graph.calls.filter((c) => c.method === 'POST');

describe('a team channel in the Playground', () => {
  it('@Reprocess from a signed-in admin answers "Reprocess queued" in the thread, and "Check status" updates it for everyone', async () => {
    const channel = h.config.teams[0].channels.find((c) => c.name !== 'General') ?? h.config.teams[0].channels[0];
    const result = await h.ask(`reprocess ${A.deliveredEngineering}`, { in: channel.id, mentionBot: true });
    expect(result.conversationId).toContain(`${channel.id};messageid=`);
    expect(titleOf(result.card)).toBe('Reprocess queued');
    expect(facts(result.card)).toMatchObject({ 'Run by': expect.stringContaining('Adele Vance') });
    expect(posts().at(-1)).toMatchObject({ oid: DEMO.users.admin.oid, status: 202 });

    const since = h.events.mark();
    const answer = await h.click(result, 'Check status');
    expect(answer.status).toBe(200);
    expect(titleOf(answeredCard(answer))).toBe('Assignment status');
    const updated = await h.nextCard(result.conversationId, since, 'updateMessage');
    expect(updated.message.messageId).toBe(result.message.messageId);
    expect(titleOf(updated.card)).toBe('Assignment status');
  });

  it('a channel post that does not mention the bot is not delivered to it', async () => {
    const channel = h.config.teams[0].channels[0];
    const before = h.launched.sandbox.graph.calls.length;
    const thread = await h.say(`reprocess ${A.delivered}`, { in: channel.id });
    const marker = await h.ask('help', { in: channel.id, mentionBot: true });
    expect(marker.conversationId).not.toBe(thread);
    expect(h.events.all().filter((e) => e.actionConversationId === thread)).toHaveLength(0);
    expect(h.launched.sandbox.graph.calls).toHaveLength(before);
  });
});

describe('a group chat in the Playground', () => {
  it('@Reprocess from a user without a role posts a card; a manager clicks it, signs in (loginRequest, SSO retry) and it runs as the manager', async () => {
    const chat = h.config.groupChats[0].id;
    const lee = h.as(DEMO.users.reader);
    const megan = h.as(DEMO.users.manager);
    const prompt = await h.ask(`reprocess ${A.deliveredSales}`, { in: chat, as: lee, mentionBot: true });
    expect(prompt.conversationId).toBe(chat);
    expect(titleOf(prompt.card)).toBe(`Lee Gu asked to reprocess assignment ${A.deliveredSales}`);
    const postsBefore = posts().length;

    // Teams answers a loginRequest (HTTP 200, statusCode 401) by fetching the clicker's SSO token silently and
    // retrying the invoke. The Playground relays a 200 answer as its `{type, value}` (statusCode dropped).
    const login = await h.click(prompt, 'Reprocess as me', { as: megan });
    expect(login).toMatchObject({
      status: 200,
      body: {
        type: 'application/vnd.microsoft.activity.loginRequest',
        value: { connectionName: expect.stringMatching(/\S/) },
      },
    });
    expect(login.body).toMatchObject({
      value: { tokenExchangeResource: { uri: h.launched.sandbox.env['SSO_APP_ID_URI'] } },
    });
    expect(posts()).toHaveLength(postsBefore);
    const since = h.events.mark();
    const token = h.launched.sandbox.entra.mintSsoToken(DEMO.users.manager);
    const answer = await h.click(prompt, 'Reprocess as me', { as: megan, token });
    expect(answer.status).toBe(200);
    expect(titleOf(answeredCard(answer))).toBe('Reprocess queued');
    expect(posts().at(-1)).toMatchObject({ oid: DEMO.users.manager.oid, status: 202 });
    const updated = await h.nextCard(chat, since, 'updateMessage');
    expect(updated.message.messageId).toBe(prompt.message.messageId);
    expect(facts(updated.card)).toMatchObject({ 'Run by': expect.stringContaining('Megan Bowen') });
  });
});
