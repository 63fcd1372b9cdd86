import type { AccessToken, TokenCredential } from '@azure/identity';
import { CredentialAuthProvider } from '../../src/graph/client';

const credential = (token: AccessToken | null, calls: unknown[][] = []): TokenCredential => ({
  getToken: async (...args: unknown[]) => (calls.push(args), token),
});

describe('CredentialAuthProvider', () => {
  it("gives the credential's token for the configured scopes", async () => {
    const calls: unknown[][] = [];
    const provider = new CredentialAuthProvider(credential({ token: 'abc', expiresOnTimestamp: Date.now() + 60_000 }, calls), ['https://graph/.default']);
    await expect(provider.getAccessToken()).resolves.toBe('abc');
    expect(calls).toEqual([[['https://graph/.default']]]);
  });

  it('fails when the credential gives no token, and passes the credential failure on as is', async () => {
    await expect(new CredentialAuthProvider(credential(null), ['s']).getAccessToken()).rejects.toThrow('Cannot retrieve accessToken');
    const failure = new Error('consent required');
    const failing: TokenCredential = { getToken: async () => Promise.reject(failure) };
    await expect(new CredentialAuthProvider(failing, ['s']).getAccessToken()).rejects.toBe(failure);
  });
});
