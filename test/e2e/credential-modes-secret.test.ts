import { coreFlow } from '../support/credential-suite';

// The bot app and the SSO app prove themselves with client secrets (BOT_PASSWORD, AAD_APP_CLIENT_SECRET);
// storage by connection string. The same flow runs in the certificate and managed-identity files.
coreFlow('secret', 'secret', (run) => {
  it('secret: every request to Entra authenticated with the client secret, the connector token included', () => {
    const requests = run().sandbox.entra.tokenRequests;
    expect(requests.some((r) => r.grantType === 'client_credentials' && r.scope === 'https://api.botframework.com/.default')).toBe(true);
    expect(new Set(requests.map((r) => r.clientAuth))).toEqual(new Set(['secret']));
  });
});
