/** Wording of the result card for each reprocess outcome: a title, what happened, and what to do next. */
import type { ReprocessOutcome } from '../services/outcomes';
import type { AssignmentState } from '../graph/types';
import { escapeMarkdown, humanState, truncate, SAMPLE_ASSIGNMENT_ID } from './wording';

type Kind = ReprocessOutcome['kind'];
type OutcomeOf<K extends Kind> = Extract<ReprocessOutcome, { kind: K }>;

/** Title, summary and optional next step of one outcome's card; text is Markdown-safe. */
export interface OutcomeWording<K extends Kind> {
  title: string;
  summary: (outcome: OutcomeOf<K>) => string;
  next?: (outcome: OutcomeOf<K>) => string;
}

/** Echoes of user input are cut here so a pasted paragraph cannot swamp the card. */
export const MAX_ECHO_LENGTH = 80;

/** Seconds to wait before retrying: Graph's Retry-After, never less than 1. */
export function retrySeconds(retryAfterSeconds: number): number {
  return Number.isFinite(retryAfterSeconds) ? Math.max(1, Math.ceil(retryAfterSeconds)) : 1;
}

function notEligibleNext(state: AssignmentState): string {
  switch (state) {
    case 'deliveryFailed':
    case 'partiallyDelivered':
      return 'Reprocess the access package request that created it instead: send "reprocess request" followed by the request id.';
    case 'delivering':
      return 'Delivery is still in progress. Wait for it to finish, then check the status again.';
    case 'expired':
      return 'An expired assignment cannot be reprocessed. The user must request the access package again.';
    case 'delivered':
      return 'It is Delivered now, so it can be reprocessed.';
    default:
      return 'Check the assignment in the Microsoft Entra admin center under Identity Governance.';
  }
}

/** Wording per outcome kind; the mapped type makes a missing kind a compile error. */
export const ResultWording: { [K in Kind]: OutcomeWording<K> } = {
  accepted: {
    title: 'Reprocess queued',
    summary: () =>
      'Microsoft Graph accepted the request (202). The assignment will be re-evaluated and its access re-applied.',
    next: () => 'This is queued, not done yet. Check the status in a minute.',
  },
  invalidId: {
    title: "That isn't an assignment id",
    summary: (o) =>
      o.input.trim() === ''
        ? 'No assignment id was given.'
        : `"${escapeMarkdown(truncate(o.input.trim(), MAX_ECHO_LENGTH))}" is not an assignment id. ` +
          `Assignment ids are GUIDs, like ${SAMPLE_ASSIGNMENT_ID}.`,
    next: () => 'Nothing was sent to Microsoft Graph.',
  },
  notFound: {
    title: 'Assignment not found',
    summary: () => 'There is no access package assignment with this id, or it is not visible to your role.',
    next: () =>
      'Catalog owners and catalog-scoped assignment managers see only the assignments in their catalogs. Check the id, or ask an Identity Governance Administrator.',
  },
  notEligible: {
    title: 'Assignment not eligible for reprocess',
    summary: (o) =>
      `An assignment can be reprocessed only when it is Delivered. This one is ${escapeMarkdown(humanState(o.assignment.state))}.`,
    next: (o) => notEligibleNext(o.assignment.state),
  },
  accessDenied: {
    title: "You can't reprocess this assignment",
    summary: () =>
      'Reprocessing needs the Access Package Assignment Manager role or higher (for example Catalog owner or Identity Governance Administrator) in entitlement management.',
    next: () => 'Ask an Identity Governance Administrator to grant you one of these roles for the catalog.',
  },
  consentRequired: {
    title: 'Admin consent needed',
    summary: () =>
      'A tenant admin must grant Reprocess consent for the Microsoft Graph permission EntitlementManagement.ReadWrite.All before anyone can reprocess from Teams.',
    next: () =>
      "If you aren't a Global Administrator or Privileged Role Administrator, send this link to one of them.",
  },
  throttled: {
    title: 'Microsoft Graph is throttling requests',
    summary: () => 'Microsoft Graph asked us to slow down (429), so the reprocess was not queued.',
    next: (o) => {
      const seconds = retrySeconds(o.retryAfterSeconds);
      return `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
    },
  },
  graphFailure: {
    title: 'Microsoft Graph failed',
    summary: (o) =>
      `Microsoft Graph answered HTTP ${o.status}${o.code.trim() ? ` (${escapeMarkdown(o.code)})` : ''}.`,
    next: () => 'Try again. If it keeps failing, share the request ids below with support.',
  },
};
