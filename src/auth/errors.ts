/** Why an On-Behalf-Of exchange failed, as a stable code the bot can branch on (never on message text). */
export type OboFailure =
  | { kind: 'consentRequired'; aadsts?: string }
  | { kind: 'interactionRequired'; aadsts?: string }
  | { kind: 'signInRequired'; aadsts?: string }
  | { kind: 'failed'; aadsts?: string };

// AADSTS codes are Entra's stable error identifiers; @azure/identity folds MSAL's ServerError into
// AuthenticationRequiredError and keeps them only inside the message, so the code is the one thing we read.
const CONSENT = new Set(['65001', '65004', '90094', '90099']);
const INTERACTION = new Set(['50076', '50079', '50158', '53003', '50074', '530003']);
const SIGN_IN = new Set(['500133', '50013', '50132', '700082', '50173', '50133']);

/** Maps an error thrown by `OnBehalfOfCredential.getToken` to an {@link OboFailure}. */
export function classifyOboError(error: unknown): OboFailure {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  const aadsts = /AADSTS(\d{5,7})/.exec(text)?.[1];
  if (aadsts && CONSENT.has(aadsts)) return { kind: 'consentRequired', aadsts };
  if (aadsts && INTERACTION.has(aadsts)) return { kind: 'interactionRequired', aadsts };
  if (aadsts && SIGN_IN.has(aadsts)) return { kind: 'signInRequired', aadsts };
  return { kind: 'failed', aadsts };
}

/** Thrown into the Graph pipeline when a cached credential can no longer get a token. */
export class OboError extends Error {
  constructor(readonly failure: OboFailure) {
    super(`On-Behalf-Of token request failed (${failure.kind}${failure.aadsts ? `, AADSTS${failure.aadsts}` : ''})`);
    this.name = 'OboError';
  }
}
