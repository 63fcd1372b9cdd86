import { SECRET_VARIABLES } from '../../src/config';
import { coreFlow } from '../support/credential-suite';

// The bot app and the SSO app prove themselves with one PEM certificate (BOT_CERTIFICATE_PATH,
// AAD_APP_CERTIFICATE_PATH): signed client assertions (x5t#S256) that the emulated Entra checks against the
// certificate registered on the app. No client secret exists in this tenant at all.
coreFlow('certificate', 'certificate', (run) => {
  it('certificate: the connector token and On-Behalf-Of were both obtained with a signed certificate assertion', () => {
    const requests = run().sandbox.entra.tokenRequests;
    const connector = requests.filter(
      (r) => r.grantType === 'client_credentials' && r.scope === 'https://api.botframework.com/.default',
    );
    expect(connector.length).toBeGreaterThan(0);
    expect(
      new Set(requests.map((r) => ({ auth: r.clientAuth, status: r.status })).map((r) => JSON.stringify(r))),
    ).toEqual(new Set([JSON.stringify({ auth: 'certificate', status: 200 })]));
  });

  it('certificate: the bot process had certificate paths and no secret in its environment', () => {
    const env = run().bot.env;
    expect(env).toMatchObject({
      BOT_CERTIFICATE_PATH: expect.any(String),
      AAD_APP_CERTIFICATE_PATH: expect.any(String),
    });
    for (const name of SECRET_VARIABLES.filter((n) => n !== 'STORAGE_CONNECTION_STRING'))
      expect(env[name]).toBeUndefined();
  });
});
