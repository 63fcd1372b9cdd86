import { AuthenticationRequiredError } from '@azure/identity';
import { classifyOboError } from '../../src/auth/errors';
import { failureOutcome } from '../../src/services/reprocess';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const ids = { clientRequestId: 'c-1', requestId: 'r-1' };
const CONSENT = 'https://login.example/consent';

describe('classifyOboError', () => {
  const entra = (code: string) =>
    new AuthenticationRequiredError({ scopes: [], message: `invalid_grant: Error(s): ${code} - Description: AADSTS${code}: text` });

  it('reads consent, interaction, sign-in and other failures from the AADSTS code', () => {
    expect(classifyOboError(entra('65001'))).toEqual({ kind: 'consentRequired', aadsts: '65001' });
    expect(classifyOboError(entra('50076'))).toEqual({ kind: 'interactionRequired', aadsts: '50076' });
    expect(classifyOboError(entra('500133'))).toEqual({ kind: 'signInRequired', aadsts: '500133' });
    expect(classifyOboError(entra('7000215'))).toEqual({ kind: 'failed', aadsts: '7000215' });
    expect(classifyOboError(new Error('socket hang up'))).toEqual({ kind: 'failed', aadsts: undefined });
  });
});

describe('failureOutcome', () => {
  const fail = (status: number, code = 'X', retryAfterSeconds?: number) =>
    ({ ok: false as const, failure: { status, code, retryAfterSeconds }, ids });

  it('maps Graph statuses to the outcome an admin sees', () => {
    expect(failureOutcome(fail(404, 'ResourceNotFound'), ID, CONSENT)).toEqual({ kind: 'notFound', assignmentId: ID, ids });
    expect(failureOutcome(fail(403, 'UnAuthorized'), ID, CONSENT)).toEqual({ kind: 'accessDenied', assignmentId: ID, ids });
    expect(failureOutcome(fail(429, 'TooManyRequests', 7), ID, CONSENT)).toEqual({ kind: 'throttled', assignmentId: ID, status: 429, retryAfterSeconds: 7, ids });
    expect(failureOutcome(fail(503, 'ServiceUnavailable', 0), ID, CONSENT)).toMatchObject({ kind: 'throttled', status: 503, retryAfterSeconds: 1 });
    expect(failureOutcome(fail(500, 'InternalServerError'), ID, CONSENT)).toEqual({
      kind: 'graphFailure', assignmentId: ID, status: 500, code: 'InternalServerError', ids,
    });
    expect(failureOutcome(fail(0, 'FetchError'), ID, CONSENT)).toMatchObject({ kind: 'graphFailure', status: 0 });
  });

  it('asks for a new sign-in when Graph or Entra refuse the credential, and for consent when Entra says so', () => {
    expect(failureOutcome(fail(401, 'InvalidAuthenticationToken'), ID, CONSENT)).toMatchObject({ kind: 'signInAgain' });
    expect(failureOutcome({ ...fail(0, 'TokenUnavailable'), auth: { kind: 'signInRequired' } }, ID, CONSENT)).toMatchObject({ kind: 'signInAgain' });
    expect(failureOutcome({ ...fail(0, 'TokenUnavailable'), auth: { kind: 'consentRequired', aadsts: '65001' } }, ID, CONSENT)).toEqual({
      kind: 'consentRequired', assignmentId: ID, consentUrl: CONSENT,
    });
  });
});
