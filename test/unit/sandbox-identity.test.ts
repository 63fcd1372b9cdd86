import { createHash, createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ClientAssertionCredential, ClientCertificateCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { CHANNEL_ISSUER, startChannel, type Channel } from '../../sandbox/channel';
import { createClientCertificate, type ClientCertificateFile } from '../../sandbox/client-certificate';
import { federatedCredentialFor, sandboxIdentity } from '../../sandbox/credentials';
import { startEntra, type Entra } from '../../sandbox/entra';
import { decodeJwt } from '../../sandbox/jwt';
import { startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from '../../sandbox/managed-identity';

const TENANT = '7d1c1a4e-5b6f-4c2d-9e8a-0b1c2d3e4f50';
const CERT_APP = '3f2a8a5c-1d4e-4b7a-9c6d-2e1f0a9b8c7d';
const FED_APP = '4a3b9b6d-2e5f-4c8b-8d7e-3f2a1b0c9d8e';
const IDENTITY = sandboxIdentity(FED_APP);
const EXCHANGE = 'api://AzureADTokenExchange';

let entra: Entra;
let endpoint: ManagedIdentityEndpoint;
let registered: ClientCertificateFile;
let stranger: ClientCertificateFile;

beforeAll(async () => {
  registered = createClientCertificate('registered');
  stranger = createClientCertificate('not-registered');
  entra = await startEntra({
    tenantId: TENANT,
    apps: [{ clientId: CERT_APP, certificates: [{ pem: registered.certificatePem }] }, { clientId: FED_APP }],
    managedIdentities: [IDENTITY],
  });
  entra.setFederatedCredentials(FED_APP, [federatedCredentialFor(IDENTITY, entra.issuer())]);
  endpoint = await startManagedIdentityEndpoint(entra, [IDENTITY]);
});
afterAll(async () => {
  await Promise.all([entra.close(), endpoint.close()]);
  registered.remove();
  stranger.remove();
});

const authority = () => ({ authorityHost: entra.url, disableInstanceDiscovery: true });
const claimsOf = (token: string) => decodeJwt(token)?.payload ?? {};

async function tokenRequest(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${entra.url}/${TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A client_credentials request authenticated by `assertion`. */
const withAssertion = (clientId: string, assertion: string) =>
  tokenRequest({
    grant_type: 'client_credentials',
    client_id: clientId,
    scope: `${CHANNEL_ISSUER}/.default`,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });

/** A certificate assertion signed by hand, to vary one claim or header at a time. */
function certificateAssertion(
  file: ClientCertificateFile,
  overrides: { aud?: string; exp?: number; signWith?: ClientCertificateFile } = {},
): string {
  const thumbprint = createHash('sha256').update(new X509Certificate(file.certificatePem).raw).digest('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', 'x5t#S256': thumbprint };
  const payload = {
    aud: overrides.aud ?? `${entra.url}/${TENANT}/oauth2/v2.0/token`,
    iss: CERT_APP,
    sub: CERT_APP,
    jti: String(now),
    nbf: now,
    exp: overrides.exp ?? now + 600,
  };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const key = createPrivateKey(readFileSync((overrides.signWith ?? file).path, 'utf8'));
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** GET on the identity endpoint; `header: null` sends no X-IDENTITY-HEADER. */
async function identityToken(query: string, header: string | null = endpoint.env.IDENTITY_HEADER) {
  const res = await fetch(`${endpoint.env.IDENTITY_ENDPOINT}?${query}`, {
    headers: header === null ? {} : { 'X-IDENTITY-HEADER': header },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Entra emulator: certificate client assertions (private_key_jwt)', () => {
  test('@azure/identity with the registered PEM certificate gets a token (PS256, x5t#S256)', async () => {
    const token = await new ClientCertificateCredential(
      TENANT,
      CERT_APP,
      { certificatePath: registered.path },
      authority(),
    ).getToken(`${CHANNEL_ISSUER}/.default`);
    expect(claimsOf(token.token)).toMatchObject({ aud: CHANNEL_ISSUER, appid: CERT_APP, appidacr: '2' });
    expect(entra.tokenRequests.at(-1)).toMatchObject({ clientId: CERT_APP, clientAuth: 'certificate', status: 200 });
  });

  test('msal-node 2 (the bot adapter’s) with a SHA-1 thumbprint signs RS256 with x5t, and that is accepted too', async () => {
    const x509 = new X509Certificate(registered.certificatePem);
    const privateKey = readFileSync(registered.path, 'utf8').replace(/[\s\S]*?(-----BEGIN PRIVATE KEY-----)/, '$1');
    const thumbprint = createHash('sha1').update(x509.raw).digest('hex');
    const msal = new ConfidentialClientApplication({
      auth: {
        clientId: CERT_APP,
        clientCertificate: { thumbprint, privateKey },
        authority: `${entra.url}/${TENANT}`,
        knownAuthorities: [new URL(entra.url).host],
      },
    });
    const result = await msal.acquireTokenByClientCredential({ scopes: [`${CHANNEL_ISSUER}/.default`] });
    expect(result?.accessToken).toBeTruthy();
  });

  test('a certificate that is not registered on the app is refused with AADSTS700027 (key not found)', async () => {
    const attempt = new ClientCertificateCredential(
      TENANT,
      CERT_APP,
      { certificatePath: stranger.path },
      authority(),
    ).getToken(`${CHANNEL_ISSUER}/.default`);
    await expect(attempt).rejects.toThrow(
      /AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application/,
    );
  });

  test('a registered thumbprint over a signature by another key is refused with AADSTS700027 (invalid signature)', async () => {
    const res = await withAssertion(CERT_APP, certificateAssertion(registered, { signWith: stranger }));
    expect(res).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [700027] } });
    expect(String(res.body['error_description'])).toMatch(
      /^AADSTS700027: Client assertion contains an invalid signature/,
    );
  });

  test('an expired assertion is refused with AADSTS700024, one for another audience with AADSTS700023', async () => {
    const expired = await withAssertion(
      CERT_APP,
      certificateAssertion(registered, { exp: Math.floor(Date.now() / 1000) - 3600 }),
    );
    expect(expired.body).toMatchObject({ error: 'invalid_client', error_codes: [700024] });
    const elsewhere = await withAssertion(
      CERT_APP,
      certificateAssertion(registered, { aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' }),
    );
    expect(elsewhere.body).toMatchObject({ error: 'invalid_client', error_codes: [700023] });
  });

  test('a request with neither a secret nor an assertion is refused with AADSTS7000218', async () => {
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: CERT_APP,
      scope: `${CHANNEL_ISSUER}/.default`,
    });
    expect(res).toMatchObject({ status: 401, body: { error: 'invalid_client', error_codes: [7000218] } });
  });
});

describe('Entra emulator: federated assertions from a managed identity', () => {
  const assertion = async () =>
    String(
      (
        await identityToken(
          `api-version=2019-08-01&resource=${encodeURIComponent(EXCHANGE)}&client_id=${IDENTITY.clientId}`,
        )
      ).body['access_token'],
    );

  test('the identity’s api://AzureADTokenExchange token is the app’s client assertion (ClientAssertionCredential)', async () => {
    const token = await new ClientAssertionCredential(TENANT, FED_APP, assertion, authority()).getToken(
      `${CHANNEL_ISSUER}/.default`,
    );
    expect(claimsOf(token.token)).toMatchObject({ appid: FED_APP });
    expect(entra.tokenRequests.at(-1)).toMatchObject({ clientId: FED_APP, clientAuth: 'federated', status: 200 });
  });

  test('a subject, issuer or audience the federated credential does not name is refused with AADSTS700213, 700211, 700212', async () => {
    const valid = await assertion();
    const attempt = async (credential: { issuer: string; subject: string; audiences: string[] }) => {
      entra.setFederatedCredentials(FED_APP, [credential]);
      return (await withAssertion(FED_APP, valid)).body;
    };
    const good = federatedCredentialFor(IDENTITY, entra.issuer());
    expect(await attempt({ ...good, subject: 'someone-else' })).toMatchObject({
      error: 'invalid_client',
      error_codes: [700213],
    });
    expect(await attempt({ ...good, issuer: 'https://token.actions.githubusercontent.com' })).toMatchObject({
      error_codes: [700211],
    });
    expect(await attempt({ ...good, audiences: ['api://SomethingElse'] })).toMatchObject({ error_codes: [700212] });
    entra.setFederatedCredentials(FED_APP, [good]);
    expect((await withAssertion(FED_APP, valid)).status).toBe(200);
  });
});

describe('App Service managed-identity endpoint', () => {
  test('GET with the identity header, api-version 2019-08-01, resource and client_id answers the documented body', async () => {
    const res = await identityToken(
      `api-version=2019-08-01&resource=https://storage.azure.com&client_id=${IDENTITY.clientId}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      expires_on: expect.stringMatching(/^\d{10}$/),
      resource: 'https://storage.azure.com',
      token_type: 'Bearer',
      client_id: IDENTITY.clientId,
    });
    // A v1.0 storage token, as Azure Storage (and Azurite --oauth basic) expect: sts.windows.net issuer.
    expect(claimsOf(String(res.body['access_token']))).toMatchObject({
      aud: 'https://storage.azure.com',
      iss: `https://sts.windows.net/${TENANT}/`,
      appid: IDENTITY.clientId,
      oid: IDENTITY.principalId,
      xms_mirid: IDENTITY.resourceId,
    });
  });

  test('the token-exchange token carries the v2.0 issuer and the identity’s object id as subject (what a FIC matches)', async () => {
    const res = await identityToken(`api-version=2019-08-01&resource=${EXCHANGE}&principal_id=${IDENTITY.principalId}`);
    expect(claimsOf(String(res.body['access_token']))).toMatchObject({
      aud: EXCHANGE,
      iss: entra.issuer(),
      sub: IDENTITY.principalId,
      ver: '2.0',
    });
  });

  test.each([
    [
      'no X-IDENTITY-HEADER',
      `api-version=2019-08-01&resource=https://storage.azure.com&client_id=${IDENTITY.clientId}`,
      null,
    ],
    [
      'a wrong X-IDENTITY-HEADER',
      `api-version=2019-08-01&resource=https://storage.azure.com&client_id=${IDENTITY.clientId}`,
      'guessed',
    ],
    [
      'an api-version before 2019-08-01',
      `api-version=2017-09-01&resource=https://storage.azure.com&client_id=${IDENTITY.clientId}`,
      undefined,
    ],
    ['no resource', `api-version=2019-08-01&client_id=${IDENTITY.clientId}`, undefined],
    [
      'two identity selectors',
      `api-version=2019-08-01&resource=https://storage.azure.com&client_id=${IDENTITY.clientId}&principal_id=${IDENTITY.principalId}`,
      undefined,
    ],
    [
      'no selector (this app has no system-assigned identity)',
      'api-version=2019-08-01&resource=https://storage.azure.com',
      undefined,
    ],
    [
      "the identity's principal id given as client_id (each selector names its own kind of id)",
      `api-version=2019-08-01&resource=https://storage.azure.com&client_id=${IDENTITY.principalId}`,
      undefined,
    ],
    [
      'an identity not assigned to the app',
      'api-version=2019-08-01&resource=https://storage.azure.com&client_id=00000000-0000-0000-0000-000000000001',
      undefined,
    ],
  ])('%s is refused with 400 and no token', async (_case, query, header) => {
    const res = await identityToken(query, header === undefined ? endpoint.env.IDENTITY_HEADER : header);
    expect(res.status).toBe(400);
    expect(res.body['access_token']).toBeUndefined();
  });

  test('a resource Entra does not know is refused with AADSTS500011', async () => {
    const res = await identityToken(
      `api-version=2019-08-01&resource=https://vault.example&client_id=${IDENTITY.clientId}`,
    );
    expect(res).toMatchObject({
      status: 400,
      body: { error: 'invalid_resource', error_description: expect.stringMatching(/^AADSTS500011: /) },
    });
  });
});

describe('channel connector and a managed identity’s bot token', () => {
  let channel: Channel;
  beforeAll(async () => {
    channel = await startChannel({ entra, botAppId: IDENTITY.clientId, tenantId: TENANT });
  });
  afterAll(() => channel.close());

  const send = (token: string) =>
    fetch(`${channel.serviceUrl}v3/conversations/a:1/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"type":"message","text":"hi"}',
    });
  const identityTokenFor = async (resource: string) =>
    String(
      (await identityToken(`api-version=2019-08-01&resource=${resource}&client_id=${IDENTITY.clientId}`)).body[
        'access_token'
      ],
    );

  test('accepts the identity’s token for https://api.botframework.com and records the identity as the caller', async () => {
    expect((await send(await identityTokenFor(CHANNEL_ISSUER))).status).toBe(201);
    expect(channel.records.at(-1)?.appId).toBe(IDENTITY.clientId);
  });

  test('refuses the same identity’s token for another audience (storage) with 401', async () => {
    expect((await send(await identityTokenFor('https://storage.azure.com'))).status).toBe(401);
  });
});
