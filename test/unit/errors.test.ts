import { AuthenticationRequiredError } from '@azure/identity';
import { classifyOboError } from '../../src/auth/errors';
import { failureOf } from '../../src/services/failures';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const ids = { clientRequestId: 'c-1', requestId: 'r-1' };
const TARGET = { kind: 'assignment' as const, id: ID };
const CONSENT = 'https://login.example/consent';

describe('classifyOboError', () => {
  const entra = (code: string) =>
    new AuthenticationRequiredError({
      scopes: [],
      message: `invalid_grant: Error(s): ${code} - Description: AADSTS${code}: text`,
    });

  it('reads consent, interaction, sign-in and other failures from the AADSTS code', () => {
    expect(classifyOboError(entra('65001'))).toEqual({ kind: 'consentRequired', aadsts: '65001' });
    expect(classifyOboError(entra('50076'))).toEqual({ kind: 'interactionRequired', aadsts: '50076' });
    expect(classifyOboError(entra('500133'))).toEqual({ kind: 'signInRequired', aadsts: '500133' });
    expect(classifyOboError(entra('7000215'))).toEqual({ kind: 'failed', aadsts: '7000215' });
    expect(classifyOboError(new Error('socket hang up'))).toEqual({ kind: 'failed', aadsts: undefined });
  });
});

describe('failureOf', () => {
  const fail = (status: number, code = 'X', retryAfterSeconds?: number) => ({
    ok: false as const,
    failure: { status, code, retryAfterSeconds },
    ids,
  });

  it('maps Graph statuses to the outcome an admin sees', () => {
    expect(failureOf(fail(404, 'ResourceNotFound'), TARGET, CONSENT)).toEqual({
      kind: 'notFound',
      target: TARGET,
      ids,
    });
    expect(failureOf(fail(403, 'UnAuthorized'), TARGET, CONSENT)).toEqual({
      kind: 'accessDenied',
      target: TARGET,
      ids,
    });
    expect(failureOf(fail(429, 'TooManyRequests', 7), TARGET, CONSENT)).toEqual({
      kind: 'throttled',
      target: TARGET,
      status: 429,
      retryAfterSeconds: 7,
      ids,
    });
    expect(failureOf(fail(503, 'ServiceUnavailable', 0), TARGET, CONSENT)).toMatchObject({
      kind: 'throttled',
      status: 503,
      retryAfterSeconds: 1,
    });
    expect(failureOf(fail(500, 'InternalServerError'), TARGET, CONSENT)).toEqual({
      kind: 'graphFailure',
      target: TARGET,
      status: 500,
      code: 'InternalServerError',
      ids,
    });
    expect(failureOf(fail(0, 'FetchError'), TARGET, CONSENT)).toMatchObject({ kind: 'graphFailure', status: 0 });
  });

  it('asks for a new sign-in when Graph or Entra refuse the credential, and for consent when Entra says so', () => {
    expect(failureOf(fail(401, 'InvalidAuthenticationToken'), TARGET, CONSENT)).toMatchObject({ kind: 'signInAgain' });
    expect(
      failureOf({ ...fail(0, 'TokenUnavailable'), auth: { kind: 'signInRequired' } }, TARGET, CONSENT),
    ).toMatchObject({ kind: 'signInAgain' });
    expect(
      failureOf(
        { ...fail(0, 'TokenUnavailable'), auth: { kind: 'consentRequired', aadsts: '65001' } },
        TARGET,
        CONSENT,
      ),
    ).toEqual({
      kind: 'consentRequired',
      target: TARGET,
      consentUrl: CONSENT,
    });
  });
});
