import { CHANNEL_ISSUER } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { startHttpsServer, type HttpsServer } from '../../sandbox/https';
import { signJwt } from '../../sandbox/jwt';
import { createSigningKey, toJwks } from '../../sandbox/keys';
import { loadConfig } from '../../src/config';
import { createBotAdapter } from '../../src/bot/adapter';
import { titled } from '../support/cards';
import { settle, startHarness, type Harness } from '../support/harness';

// Finding 2: an Azure Bot resource has Web Chat (often Direct Line) enabled, and those clients control
// `channelData` and `from`. Only Microsoft Teams may drive the bot: any other `channelId` is refused (403) before
// any bot logic, the tenant is `conversation.tenantId` (Teams always sends it; refused when channelData's differs),
// and channel-token validation requires the `msteams` endorsement.
// Source: Bot Connector authentication, "Step 4 / endorsements" — "The endorsements property within each key
// contains one or more endorsement strings which you can use to verify that the channel ID specified in the
// channelId property within the Activity object of the incoming request is authentic"
// (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
const admin = DEMO.users.admin;
const FOREIGN = '00000000-dead-beef-0000-000000000000';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ signedIn: [admin] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

/** A reprocess command from the signed-in admin, altered as a non-Teams client could. */
function command(change: (activity: Record<string, unknown>) => void): Record<string, unknown> {
  const activity = h.activity(admin, `reprocess ${DEMO.assignments.delivered}`) as unknown as Record<string, unknown>;
  change(activity);
  return activity;
}

async function expectForbidden(activity: Record<string, unknown>): Promise<void> {
  const answer = await h.post(activity);
  await settle();
  expect(answer.status).toBe(403);
  expect(h.sandbox.graph.calls).toEqual([]);
  expect(h.sandbox.channel.records).toEqual([]);
}

describe('only Microsoft Teams may drive the bot', () => {
  it('a Teams activity from the signed-in admin acts as the admin (the baseline the refusals below differ from)', async () => {
    expect((await h.post(command(() => undefined))).status).toBe(200);
    await h.waitFor(titled('Reprocess queued'));
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST').map((c) => c.oid)).toEqual([admin.oid]);
  });

  it.each([
    ['no channel id (a client that asserts no channel)', ''],
    ['Web Chat', 'webchat'],
    ['Direct Line', 'directline'],
    ["botbuilder's AseChannel (selects another validator)", 'AseChannel'],
    ['Teams spelled differently', 'MsTeams'],
  ])('%s is refused with 403 and never acts with the admin credential', (_name, channelId) =>
    expectForbidden(command((a) => (a['channelId'] = channelId))),
  );

  it('an activity without channelId is refused with 403', () => expectForbidden(command((a) => delete a['channelId'])));

  it('the tenant comes from conversation.tenantId: without it the activity is refused, whatever channelData says', () =>
    expectForbidden(command((a) => delete (a['conversation'] as Record<string, unknown>)['tenantId'])));

  it('a conversation.tenantId that disagrees with channelData.tenant.id is refused with 403', () =>
    expectForbidden(command((a) => (a['channelData'] = { tenant: { id: FOREIGN } }))));
});

describe('channel-token validation requires the msteams endorsement', () => {
  // The far side of the wire: a Bot Framework key set with one key endorsed for Web Chat only.
  const webchatKey = createSigningKey();
  let keys: HttpsServer;
  beforeAll(async () => {
    const base = { url: '' };
    keys = await startHttpsServer(async (req) =>
      req.path.endsWith('/keys')
        ? { status: 200, body: toJwks([webchatKey], { endorsements: ['webchat'] }) }
        : {
            status: 200,
            body: {
              issuer: CHANNEL_ISSUER,
              jwks_uri: `${base.url}/v1/.well-known/keys`,
              id_token_signing_alg_values_supported: ['RS256'],
            },
          },
    );
    base.url = keys.url;
  });
  afterAll(() => keys.close());

  it('a token signed with a key not endorsed for msteams is refused even when the activity names no channel', async () => {
    const config = loadConfig({
      ...h.sandbox.env,
      ToBotFromChannelOpenIdMetadataUrl: `${keys.url}/v1/.well-known/openidconfiguration`,
    });
    const { authentication } = createBotAdapter(config);
    const serviceUrl = h.sandbox.channel.serviceUrl;
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { iss: CHANNEL_ISSUER, aud: config.bot.appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 },
      webchatKey,
    );
    const activity = { ...h.activity(admin, 'help'), channelId: '' };
    await expect(authentication.authenticateRequest(activity as never, `Bearer ${token}`)).rejects.toThrow(
      /endorsement/,
    );
  });
});
