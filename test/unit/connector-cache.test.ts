import {
  AuthenticationConstants,
  ClaimsIdentity,
  PasswordServiceClientCredentialFactory,
} from 'botframework-connector';
import { CachingBotFrameworkAuthentication, ClientCache } from '../../src/bot/connector-cache';

describe('ClientCache', () => {
  it('creates once per key and hands out the same client after', async () => {
    const cache = new ClientCache<object>();
    let created = 0;
    const make = async () => ({ n: ++created });
    const a = await cache.getOrCreate('a', make);
    expect(await cache.getOrCreate('a', make)).toBe(a);
    expect(await cache.getOrCreate('b', make)).not.toBe(a);
    expect(created).toBe(2);
  });

  it('forgets a failed creation so the next call tries again', async () => {
    const cache = new ClientCache<string>();
    await expect(cache.getOrCreate('k', () => Promise.reject(new Error('no credential')))).rejects.toThrow(
      'no credential',
    );
    await expect(cache.getOrCreate('k', async () => 'ok')).resolves.toBe('ok');
  });

  it('keeps at most `max` entries, dropping the oldest', async () => {
    const cache = new ClientCache<string>(2);
    await cache.getOrCreate('1', async () => 'one');
    await cache.getOrCreate('2', async () => 'two');
    await cache.getOrCreate('3', async () => 'three');
    expect(cache.size).toBe(2);
    await expect(cache.getOrCreate('1', async () => 'one again')).resolves.toBe('one again');
  });
});

describe('CachingBotFrameworkAuthentication', () => {
  const claims = (appId: string) =>
    new ClaimsIdentity([
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ]);
  // Authentication disabled (no app id): clients are built without any network call.
  const auth = () => new CachingBotFrameworkAuthentication({}, new PasswordServiceClientCredentialFactory('', ''));

  it('reuses one connector client per service URL and audience across turns', async () => {
    const authentication = auth();
    const first = await authentication
      .createConnectorFactory(claims('bot'))
      .create('https://smba.example/emea/', 'scope');
    const again = await authentication
      .createConnectorFactory(claims('bot'))
      .create('https://smba.example/emea/', 'scope');
    const otherUrl = await authentication
      .createConnectorFactory(claims('bot'))
      .create('https://smba.example/amer/', 'scope');
    const otherApp = await authentication
      .createConnectorFactory(claims('other'))
      .create('https://smba.example/emea/', 'scope');
    expect(again).toBe(first);
    expect(otherUrl).not.toBe(first);
    expect(otherApp).not.toBe(first);
    expect((first as unknown as { baseUri: string }).baseUri).toBe('https://smba.example/emea/');
  });

  it('reuses one user token client per app id', async () => {
    const authentication = auth();
    const first = await authentication.createUserTokenClient(claims('bot'));
    expect(await authentication.createUserTokenClient(claims('bot'))).toBe(first);
    expect(await authentication.createUserTokenClient(claims('other'))).not.toBe(first);
  });
});
