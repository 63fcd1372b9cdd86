import { DEMO } from '../../sandbox/graph-data';
import { facts, joinedTexts, titleOf } from '../support/cards';
import { answeredCard, startClientHarness, type ClientHarness } from './harness';

// The personal chat as an admin uses it in the Agents Playground: typed commands, Teams SSO answered by the
// launcher's bridge, cards, and a card button (Action.Execute).
const A = DEMO.assignments;
const admin = DEMO.users.admin;
let h: ClientHarness;

beforeAll(async () => {
  h = await startClientHarness();
}, 60_000);
afterAll(() => h?.stop(), 30_000);

const OAUTH = 'application/vnd.microsoft.card.oauth';
const posts = () => h.launched.sandbox.graph.calls.filter((c) => c.method === 'POST');

describe('personal chat in the Playground', () => {
  it("the SSO bridge signed the admin in at start (as Teams' first silent SSO), so the first reprocess runs at once", async () => {
    expect(h.launched.bridge.exchanges).toBe(1);
    const since = h.events.mark();
    const conversationId = await h.say(`reprocess ${A.delivered}`);
    const card = await h.nextCard(conversationId, since);
    expect(titleOf(card.card)).toBe('Reprocess queued');
    expect(facts(card.card)).toMatchObject({
      'Assignment id': A.delivered,
      'Run by': expect.stringContaining('Adele Vance'),
    });
    expect(
      h.events.all().filter((e) => e.message?.attachments?.some((a) => a.contentType === OAUTH) ?? false),
    ).toHaveLength(0);
    expect(h.launched.sandbox.entra.oboCount(admin.oid)).toBe(1);
    expect(posts()).toEqual([
      expect.objectContaining({
        oid: admin.oid,
        status: 202,
        path: expect.stringContaining(`/assignments/${A.delivered}/reprocess`),
      }),
    ]);
    expect(h.logs()).toContain('sso-bridge: sent signin/tokenExchange');
    expect(h.logs()).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });

  it('the next command runs at once on the same sign-in', async () => {
    const card = await h.ask(`reprocess ${A.deliveredSales}`);
    expect(titleOf(card.card)).toBe('Reprocess queued');
    expect(h.launched.bridge.exchanges).toBe(1);
  });

  it('an unknown id shows the not-found card', async () => {
    const card = await h.ask('reprocess 0b0b0b0b-0000-4000-8000-000000000404');
    expect(titleOf(card.card)).toBe('Assignment not found');
    expect(joinedTexts(card.card)).toMatch(/your role can't see it/);
  });

  it('an assignment outside the admin’s role shows the access-denied card', async () => {
    const card = await h.ask(`reprocess ${A.hidden}`);
    expect(titleOf(card.card)).toBe("You can't reprocess this assignment");
    expect(joinedTexts(card.card)).toContain('Access Package Assignment Manager');
  });

  it('an expired assignment is not eligible and the card names its state', async () => {
    const before = posts().length;
    const card = await h.ask(`reprocess ${A.expired}`);
    expect(titleOf(card.card)).toBe('Not eligible for reprocess');
    expect(facts(card.card)).toMatchObject({ State: 'Expired' });
    expect(joinedTexts(card.card)).toMatch(/Only a Delivered assignment can be reprocessed/);
    expect(posts()).toHaveLength(before);
  });

  it('an invalid id is refused before any Graph call', async () => {
    const calls = h.launched.sandbox.graph.calls.length;
    const card = await h.ask('reprocess not-a-guid');
    expect(titleOf(card.card)).toBe("That isn't an assignment id");
    expect(h.launched.sandbox.graph.calls).toHaveLength(calls);
  });

  it('"Check status" on the result card answers with the status card, which replaces it', async () => {
    const result = await h.ask(`reprocess ${A.deliveredEngineering}`);
    const answer = await h.click(result, 'Check status');
    expect(answer).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.card.adaptive' } });
    const status = answeredCard(answer);
    expect(titleOf(status)).toBe('Assignment status');
    expect(facts(status)).toMatchObject({ 'Assignment id': A.deliveredEngineering, State: 'Delivered' });
  });

  it("after signout, the next command's sign-in card is answered by the bridge and the command runs by itself", async () => {
    await h.ask('signout');
    const since = h.events.mark();
    const conversationId = await h.say(`reprocess ${A.deliveredSales}`);
    const signIn = await h.events.waitFor(
      (e) => e.message?.attachments?.some((a) => a.contentType === OAUTH) ?? false,
      since,
    );
    const oauth = signIn.message?.attachments?.find((a) => a.contentType === OAUTH)?.content;
    expect(oauth).toMatchObject({
      connectionName: expect.stringMatching(/\S/),
      tokenExchangeResource: { uri: `api://botid-${h.launched.sandbox.env['AAD_APP_CLIENT_ID']}` },
    });
    const card = await h.nextCard(conversationId, since);
    expect(titleOf(card.card)).toBe('Reprocess queued');
    expect(h.launched.bridge.exchanges).toBe(2);
  });
});
