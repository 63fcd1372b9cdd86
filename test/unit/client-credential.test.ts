import type { AccessToken, TokenCredential } from '@azure/identity';
import { FederatedAssertion, TOKEN_EXCHANGE_SCOPE } from '../../src/auth/client-credential';

/** The managed identity's side: counts requests and answers tokens that expire `lifetimeMs` after `now()`. */
function identity(now: () => number, lifetimeMs = 3_600_000) {
  const scopes: string[] = [];
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const credential: TokenCredential = {
    async getToken(scope): Promise<AccessToken> {
      scopes.push(String(scope));
      await gate;
      return { token: `assertion-${scopes.length}`, expiresOnTimestamp: now() + lifetimeMs };
    },
  };
  const hold = (): void => {
    gate = new Promise<void>((r) => (release = r));
  };
  return { credential, scopes, hold, release: () => release() };
}

describe('FederatedAssertion', () => {
  it('asks the identity for an api://AzureADTokenExchange token once and reuses it while it is valid', async () => {
    let now = 1_000_000;
    const mi = identity(() => now);
    const assertion = new FederatedAssertion(mi.credential, () => now);
    expect(await assertion.get()).toBe('assertion-1');
    now += 50 * 60_000;
    expect(await assertion.get()).toBe('assertion-1');
    expect(mi.scopes).toEqual([TOKEN_EXCHANGE_SCOPE]);
  });

  it('renews the assertion five minutes before it expires, so Entra never sees an expired one', async () => {
    let now = 1_000_000;
    const mi = identity(() => now);
    const assertion = new FederatedAssertion(mi.credential, () => now);
    await assertion.get();
    now += 56 * 60_000;
    expect(await assertion.get()).toBe('assertion-2');
    expect(mi.scopes).toHaveLength(2);
  });

  it('users signing in at the same moment share one request to the identity endpoint', async () => {
    const mi = identity(() => Date.now());
    mi.hold();
    const assertion = new FederatedAssertion(mi.credential);
    const all = Promise.all([assertion.get(), assertion.get(), assertion.get()]);
    mi.release();
    expect(await all).toEqual(['assertion-1', 'assertion-1', 'assertion-1']);
    expect(mi.scopes).toHaveLength(1);
  });

  it('a failed request is not cached: the next sign-in asks again', async () => {
    let calls = 0;
    const flaky: TokenCredential = {
      async getToken() {
        calls += 1;
        if (calls === 1) throw new Error('identity endpoint unavailable');
        return { token: 'assertion', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    const assertion = new FederatedAssertion(flaky);
    await expect(assertion.get()).rejects.toThrow('identity endpoint unavailable');
    expect(await assertion.get()).toBe('assertion');
  });
});
