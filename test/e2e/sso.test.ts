import { exchangeValue, settle, startHarness, type Harness } from '../support/harness';
import { actionsOf, cardIn, facts, joinedTexts, titled } from '../support/cards';
import { DEMO } from '../../sandbox/graph-data';

let h: Harness;
const admin = DEMO.users.admin;
const other = DEMO.users.manager;
const delivered = DEMO.assignments.delivered;
const reprocessPosts = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reprocess'));

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

const isOAuthCard = (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.card.oauth';

describe('Teams SSO and On-Behalf-Of', () => {
  it('a first command asks Teams for the token, then runs by itself once the exchange succeeds', async () => {
    expect((await h.message(admin, `reprocess ${delivered}`)).status).toBe(200);
    const prompt = await h.waitFor((r) => (r.activity.attachments ?? []).some(isOAuthCard));
    const oauth = prompt.activity.attachments!.find(isOAuthCard)!.content as {
      tokenExchangeResource: { id: string; uri: string };
    };
    expect(oauth.tokenExchangeResource.uri).toBe(h.sandbox.env.SSO_APP_ID_URI);
    expect(h.sandbox.graph.calls).toHaveLength(0);

    const exchange = await h.invoke(
      admin,
      'signin/tokenExchange',
      exchangeValue(h.sandbox, admin, oauth.tokenExchangeResource.id),
    );
    expect(exchange.status).toBe(200);
    const result = cardIn(await h.waitFor(titled('Reprocess queued')));
    expect(facts(result)).toMatchObject({ 'Assignment id': delivered, 'Run by': expect.stringContaining(admin.name) });
    expect(reprocessPosts()).toHaveLength(1);
    expect(reprocessPosts()[0].oid).toBe(admin.oid);
  });

  it('later commands reuse the credential: one OBO call for many messages', async () => {
    const before = h.sandbox.entra.oboCount(admin.oid);
    for (let i = 0; i < 20; i++) expect((await h.message(admin, `reprocess ${delivered}`)).status).toBe(200);
    // Each message turn answers after its reply is sent, so every POST has reached Graph by now.
    expect(reprocessPosts()).toHaveLength(20);
    expect(h.sandbox.entra.oboCount(admin.oid)).toBe(before);
    expect(reprocessPosts().every((c) => c.oid === admin.oid)).toBe(true);
  });

  it('duplicate token exchanges from several devices act once', async () => {
    await h.message(other, `reprocess ${delivered}`);
    const value = exchangeValue(h.sandbox, other, 'same-exchange');
    const answers = await Promise.all([1, 2, 3].map(() => h.invoke(other, 'signin/tokenExchange', value)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await h.waitFor(titled('Reprocess queued'));
    await settle(300);
    expect(h.sandbox.entra.oboCount(other.oid)).toBe(1);
    expect(reprocessPosts()).toHaveLength(1);
  });

  it('consent required answers 412 and explains admin consent with the consent link', async () => {
    const user = DEMO.users.reader;
    h.sandbox.entra.failObo(user.oid, {
      error: 'invalid_grant',
      aadsts: 65001,
      suberror: 'consent_required',
      description: 'The user or administrator has not consented',
    });
    await h.message(user, `reprocess ${delivered}`);
    const answer = await h.invoke(user, 'signin/tokenExchange', exchangeValue(h.sandbox, user));
    expect(answer.status).toBe(412);
    expect(answer.body).toMatchObject({ failureDetail: expect.any(String) });
    const card = cardIn(await h.waitFor(titled('Admin consent needed')));
    const link = `${h.sandbox.env.AAD_APP_OAUTH_AUTHORITY_HOST}/${h.sandbox.tenantId}/adminconsent?client_id=${h.sandbox.env.AAD_APP_CLIENT_ID}`;
    expect(actionsOf(card)).toEqual([{ title: 'Open admin consent page', url: link }]);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('a token minted for another user is refused with 412', async () => {
    const value = exchangeValue(h.sandbox, admin, 'stolen');
    const answer = await h.invoke(DEMO.users.reader, 'signin/tokenExchange', value);
    expect(answer.status).toBe(412);
  });

  it('signout forgets the credential: the next command asks for sign-in again', async () => {
    await h.message(admin, 'signout');
    const signedOut = cardIn(await h.waitFor(titled('Signed out')));
    expect(joinedTexts(signedOut)).toContain('Your next command here signs you in again silently.');
    await h.message(admin, `reprocess ${delivered}`);
    await h.waitFor((r) => (r.activity.attachments ?? []).some(isOAuthCard));
    expect(reprocessPosts()).toHaveLength(0);
  });

  it('signin/verifyState is acknowledged', async () => {
    expect((await h.invoke(admin, 'signin/verifyState', { state: '123456' })).status).toBe(200);
  });

  it('a token never appears in the logs', () => {
    expect(h.logs.count).toBeGreaterThan(0);
    expect(h.logs.tokenLeaks).toEqual([]);
    expect(h.logs.text()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
