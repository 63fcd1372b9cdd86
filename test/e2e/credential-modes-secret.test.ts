import { coreFlow } from '../support/credential-suite';

// The bot app and the SSO app prove themselves with client secrets (BOT_PASSWORD, AAD_APP_CLIENT_SECRET);
// storage by connection string. The same flow runs in the certificate and managed-identity files.
coreFlow('secret', 'secret', (run) => {
  it('secret: every request to Entra authenticated with the client secret, the connector token included', () => {
    const requests = run().sandbox.entra.tokenRequests;
    expect(
      requests.some((r) => r.grantType === 'client_credentials' && r.scope === 'https://api.botframework.com/.default'),
    ).toBe(true);
    expect(new Set(requests.map((r) => r.clientAuth))).toEqual(new Set(['secret']));
  });

  it('GET /readyz turns 503 "not ready" once the storage account stops answering, while /healthz stays 200', async () => {
    await run().azurite.stop();
    const readyz = `${run().bot.baseUrl}/readyz`;
    const deadline = Date.now() + 30_000;
    let last: { status: number; body: unknown } = { status: 0, body: undefined };
    while (Date.now() < deadline && last.status !== 503) {
      const res = await fetch(readyz);
      last = { status: res.status, body: await res.json() };
      if (last.status !== 503) await new Promise((r) => setTimeout(r, 500));
    }
    expect(last).toEqual({
      status: 503,
      body: { status: 'not ready', checks: { templates: 'ok', storage: 'failed' } },
    });
    expect((await fetch(`${run().bot.baseUrl}/healthz`)).status).toBe(200);
  }, 45_000);
});
