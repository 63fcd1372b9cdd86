import { DEMO } from '../../sandbox/graph-data';
import { CONFIG_VARIABLES, SECRET_VARIABLES } from '../../src/config';
import { coreFlow } from '../support/credential-suite';

// As the Agents Toolkit deploys it: one user-assigned managed identity is the bot (BOT_TYPE=UserAssignedMsi), the
// SSO app's client assertion (a federated identity credential trusting it) and the storage principal (Azurite over
// HTTPS with --oauth basic). The process gets App Service's IDENTITY_ENDPOINT/IDENTITY_HEADER and no secret.
coreFlow('managedIdentity', 'federated', (run) => {
  it('managed identity: the bot process started with no secret, no key and no certificate in its environment', () => {
    const env = run().bot.env;
    for (const name of [...SECRET_VARIABLES, 'BOT_CERTIFICATE_PATH', 'AAD_APP_CERTIFICATE_PATH'])
      expect(env[name]).toBeUndefined();
    expect(env).toMatchObject({
      BOT_TYPE: 'UserAssignedMsi',
      BOT_ID: env.AAD_APP_MANAGED_IDENTITY_CLIENT_ID,
      AZURE_CLIENT_ID: env.BOT_ID,
    });
    // Beyond the contract, only what App Service itself provides.
    expect(
      Object.keys(env)
        .filter((k) => !(CONFIG_VARIABLES as string[]).includes(k))
        .sort(),
    ).toEqual(['IDENTITY_ENDPOINT', 'IDENTITY_HEADER']);
  });

  it('managed identity: tokens for the channel, the federated assertion and storage all came from the identity endpoint', () => {
    const resources = new Set(
      run()
        .sandbox.identity?.requests.filter((r) => r.status === 200)
        .map((r) => r.resource),
    );
    expect(resources).toEqual(
      new Set(['https://api.botframework.com', 'api://AzureADTokenExchange', 'https://storage.azure.com']),
    );
    // Nothing asked Entra for an app token with a secret or a certificate.
    expect(run().sandbox.entra.tokenRequests.filter((r) => r.grantType === 'client_credentials')).toEqual([]);
  });

  it('managed identity: a second user’s sign-in reuses the cached assertion — one more On-Behalf-Of, no new assertion', async () => {
    const assertions = () =>
      run().sandbox.identity?.requests.filter((r) => r.resource === 'api://AzureADTokenExchange').length;
    const before = assertions();
    expect((await run().bot.signIn(DEMO.users.manager)).status).toBe(200);
    expect(run().sandbox.entra.oboCount(DEMO.users.manager.oid)).toBe(1);
    expect(assertions()).toBe(before);
  });

  it('managed identity: when the federated credential no longer trusts the identity, Entra answers AADSTS700213 and Teams gets 412', async () => {
    const { sandbox } = run();
    sandbox.entra.setFederatedCredentials(sandbox.env.AAD_APP_CLIENT_ID, [
      {
        issuer: sandbox.entra.issuer(),
        subject: '00000000-0000-0000-0000-000000000000',
        audiences: ['api://AzureADTokenExchange'],
      },
    ]);
    const answer = await run().bot.signIn(DEMO.users.reader);
    expect(answer.status).toBe(412);
    const refused = sandbox.entra.tokenRequests.filter((r) => r.oid === DEMO.users.reader.oid);
    expect(refused.map((r) => r.status)).toEqual([401]);
    expect(run().bot.logs.text()).toContain('700213');
  });
});
