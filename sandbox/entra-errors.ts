import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from './router';

/** An Entra token-endpoint failure to inject for one user's On-Behalf-Of requests. */
export interface OboFault {
  /** OAuth `error`, e.g. `invalid_grant` or `interaction_required`. */
  error: string;
  /** AADSTS number, e.g. 65001 (consent) or 50076 (MFA). */
  aadsts: number;
  description?: string;
  suberror?: string;
  /** Claims challenge (JSON string) as sent with conditional-access errors. */
  claims?: string;
  /** How many requests fail; unlimited (until `clearFaults()`) when omitted, like a missing consent. */
  times?: number;
}

/** Ready-made faults matching what Entra answers in these situations. */
export const AadFaults = {
  consentRequired: { error: 'invalid_grant', aadsts: 65001, suberror: 'consent_required' },
  mfaRequired: { error: 'interaction_required', aadsts: 50076, suberror: 'basic_action' },
  userBlocked: {
    error: 'invalid_grant',
    aadsts: 50053,
    description: 'You have tried to sign in too many times with an incorrect user ID or password.',
  },
} as const satisfies Record<string, OboFault>;

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  65001:
    "The user or administrator has not consented to use the application with ID '{clientId}'. Send an interactive authorization request for this user and resource.",
  50076:
    "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'.",
};

/** Fields of one Entra error answer. */
export interface AadErrorSpec {
  status?: number;
  error: string;
  aadsts: number;
  description: string;
  suberror?: string;
  claims?: string;
}

/** An error answer in the token endpoint's exact shape (`error_description` starts with `AADSTSnnnn:`). */
export function aadError(spec: AadErrorSpec, host: string): SandboxResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const body = {
    error: spec.error,
    error_description: `AADSTS${spec.aadsts}: ${spec.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [spec.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${host}/error?code=${spec.aadsts}`,
    ...(spec.suberror ? { suberror: spec.suberror } : {}),
    ...(spec.claims ? { claims: spec.claims } : {}),
  };
  return {
    status: spec.status ?? (spec.error === 'invalid_client' ? 401 : 400),
    body,
    headers: { 'x-ms-request-id': traceId },
  };
}

/** The error spec for an injected fault, with Entra's wording when no description is given. */
export function faultSpec(fault: OboFault, vars: { clientId: string; resource: string }): AadErrorSpec {
  const template = fault.description ?? DEFAULT_DESCRIPTIONS[fault.aadsts] ?? 'Injected failure.';
  const description = template.replace('{clientId}', vars.clientId).replace('{resource}', vars.resource);
  return { error: fault.error, aadsts: fault.aadsts, description, suberror: fault.suberror, claims: fault.claims };
}
