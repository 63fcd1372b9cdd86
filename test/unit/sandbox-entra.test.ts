import { AuthenticationRequiredError, ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
import { AadFaults, startEntra, type Entra } from '../../sandbox/entra';
import { decodeJwt } from '../../sandbox/jwt';

const TENANT = '7d1c1a4e-5b6f-4c2d-9e8a-0b1c2d3e4f50';
const CLIENT_ID = '3f2a8a5c-1d4e-4b7a-9c6d-2e1f0a9b8c7d';
const SECRET = 'sandbox-secret';
const APP_ID_URI = `api://botid-${CLIENT_ID}`;
const USER = { oid: '0b5e3a1c-2d4f-4e6a-8b9c-1d2e3f4a5b6c', name: 'Adele Vance', upn: 'adele@contoso.example' };
const GRAPH = 'https://127.0.0.1:4443';

let entra: Entra;

beforeAll(async () => {
  entra = await startEntra({
    tenantId: TENANT,
    apps: [{ clientId: CLIENT_ID, clientSecret: SECRET, appIdUri: APP_ID_URI }],
  });
});
afterAll(() => entra.close());
afterEach(() => entra.clearFaults());

function oboCredential(assertion: string): OnBehalfOfCredential {
  // disableInstanceDiscovery works at runtime but is missing from the OBO options type: pass a variable, not a literal.
  const options = {
    tenantId: TENANT,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    userAssertionToken: assertion,
    authorityHost: entra.url,
    disableInstanceDiscovery: true,
  };
  return new OnBehalfOfCredential(options);
}

function claimsOf(token: string): Record<string, unknown> {
  return decodeJwt(token)?.payload ?? {};
}

async function postToken(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${entra.url}/${TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Entra emulator', () => {
  test('OnBehalfOfCredential (MSAL) exchanges an SSO token for a Graph token carrying the user and the permission', async () => {
    const sso = entra.mintSsoToken(USER);
    const token = await oboCredential(sso).getToken(`${GRAPH}/EntitlementManagement.ReadWrite.All`);
    const claims = entra.verifyAccessToken(token.token, GRAPH);
    expect(claims).toMatchObject({
      oid: USER.oid,
      tid: TENANT,
      upn: USER.upn,
      appid: CLIENT_ID,
      scp: 'EntitlementManagement.ReadWrite.All',
    });
    expect(entra.oboCount(USER.oid)).toBe(1);
  });

  test('MSAL serves a repeated OBO for the same assertion from its cache', async () => {
    const credential = oboCredential(entra.mintSsoToken({ ...USER, oid: '5a5a5a5a-1111-4222-8333-444455556666' }));
    await credential.getToken(`${GRAPH}/.default`);
    await credential.getToken(`${GRAPH}/.default`);
    expect(entra.oboCount('5a5a5a5a-1111-4222-8333-444455556666')).toBe(1);
  });

  test('an injected consent fault surfaces as AADSTS65001 through MSAL', async () => {
    entra.failObo(USER.oid, AadFaults.consentRequired);
    const attempt = oboCredential(entra.mintSsoToken(USER)).getToken(`${GRAPH}/EntitlementManagement.ReadWrite.All`);
    await expect(attempt).rejects.toBeInstanceOf(AuthenticationRequiredError);
    await expect(attempt).rejects.toThrow(/AADSTS65001/);
  });

  test('a fault with times: 1 fails once, then OBO succeeds', async () => {
    entra.failObo(USER.oid, { ...AadFaults.mfaRequired, times: 1 });
    const form = oboForm(entra.mintSsoToken(USER));
    const first = await postToken(form);
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ error: 'interaction_required', error_codes: [50076], suberror: 'basic_action' });
    expect(String(first.body['error_description'])).toMatch(/^AADSTS50076: /);
    expect((await postToken(form)).status).toBe(200);
  });

  test('OBO refuses an assertion for another audience, an expired one and a bad client secret', async () => {
    const wrongAudience = await postToken(oboForm(entra.mintSsoToken(USER, { audience: 'api://someone-else' })));
    expect(wrongAudience.body).toMatchObject({ error: 'invalid_grant', error_codes: [50013] });
    const expired = await postToken(oboForm(entra.mintSsoToken(USER, { expiresInSeconds: -3600 })));
    expect(expired.body).toMatchObject({ error: 'invalid_grant', error_codes: [500133] });
    const badSecret = await postToken({ ...oboForm(entra.mintSsoToken(USER)), client_secret: 'nope' });
    expect(badSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000215] } });
  });

  test('OBO for a permission the admin did not consent to answers consent_required', async () => {
    const res = await postToken({ ...oboForm(entra.mintSsoToken(USER)), scope: `${GRAPH}/Directory.ReadWrite.All` });
    expect(res).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', suberror: 'consent_required', error_codes: [65001] },
    });
  });

  test('client credentials give an app token for the .default resource', async () => {
    const credential = new ClientSecretCredential(TENANT, CLIENT_ID, SECRET, {
      authorityHost: entra.url,
      disableInstanceDiscovery: true,
    });
    const token = await credential.getToken('https://api.botframework.com/.default');
    expect(entra.verifyAccessToken(token.token, 'https://api.botframework.com')).toMatchObject({
      appid: CLIENT_ID,
      azp: CLIENT_ID,
      tid: TENANT,
    });
    expect(entra.tokenRequests.at(-1)).toMatchObject({
      grantType: 'client_credentials',
      clientId: CLIENT_ID,
      status: 200,
    });
  });

  test('the OBO response carries id_token and client_info for MSAL account caching', async () => {
    const res = await postToken(oboForm(entra.mintSsoToken(USER)));
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(claimsOf(String(res.body['id_token']))).toMatchObject({
      aud: CLIENT_ID,
      oid: USER.oid,
      preferred_username: USER.upn,
    });
    const clientInfo = JSON.parse(
      Buffer.from(String(res.body['client_info']), 'base64url').toString('utf8'),
    ) as unknown;
    expect(clientInfo).toEqual({ uid: USER.oid, utid: TENANT });
  });

  test('discovery documents point at the emulator', async () => {
    const config = (await (
      await fetch(`${entra.url}/${TENANT}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(config['issuer']).toBe(entra.issuer());
    const jwks = (await (await fetch(String(config['jwks_uri']))).json()) as { keys: { kid: string }[] };
    expect(jwks.keys[0]?.kid).toBe(decodeJwt(entra.mintSsoToken(USER))?.header['kid']);
  });
});

function oboForm(assertion: string): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client_id: CLIENT_ID,
    client_secret: SECRET,
    assertion,
    requested_token_use: 'on_behalf_of',
    scope: `${GRAPH}/EntitlementManagement.ReadWrite.All offline_access openid profile`,
  };
}
