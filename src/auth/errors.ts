import type { CredentialFailure } from '../graph/types';

// AADSTS codes are Entra's stable error identifiers; @azure/identity folds MSAL's ServerError into
// AuthenticationRequiredError and keeps them only inside the message, so the code is the one thing we read.
const CONSENT = new Set(['65001', '65004', '90094', '90099']);
const INTERACTION = new Set(['50076', '50079', '50158', '53003', '50074', '530003']);
const SIGN_IN = new Set(['500133', '50013', '50132', '700082', '50173', '50133']);

/** Maps an error thrown by `OnBehalfOfCredential.getToken` to a {@link CredentialFailure}. */
export function classifyOboError(error: unknown): CredentialFailure {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  const aadsts = /AADSTS(\d{5,7})/.exec(text)?.[1];
  if (aadsts && CONSENT.has(aadsts)) return { kind: 'consentRequired', aadsts };
  if (aadsts && INTERACTION.has(aadsts)) return { kind: 'interactionRequired', aadsts };
  if (aadsts && SIGN_IN.has(aadsts)) return { kind: 'signInRequired', aadsts };
  return { kind: 'failed', aadsts };
}
