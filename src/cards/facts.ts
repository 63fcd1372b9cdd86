/** FactSet rows and Graph values in words, shared by the cards: every value is escaped here; a missing one drops its row. */
import type { AccessPackageView, AssignmentView, RequestIds, RequestView, SubjectView } from '../graph/types';
import type { Actor } from '../services/outcomes';
import { escapeMarkdown, formatCount, formatUtc } from './text';

/** One FactSet row; both parts are already Markdown-safe. */
export interface Fact {
  title: string;
  value: string;
}

/** Fact titles used by more than one card. */
export const Labels = {
  assignmentId: 'Assignment id',
  requestId: 'Request id',
  user: 'User',
  accessPackage: 'Access package',
  accessPackageId: 'Access package id',
  state: 'State',
  latestRequest: 'Latest request',
  requestType: 'Request type',
  requestState: 'Request state',
  requestCreated: 'Request created',
  when: 'When',
  graphRequestId: 'request-id',
  clientRequestId: 'client-request-id',
} as const;

// Graph's enum values in words. Keys are lower case: v1.0 spells `deliveryFailed`, beta `DeliveryFailed`.
const STATES: Readonly<Record<string, string>> = {
  delivering: 'Delivering',
  partiallydelivered: 'Partially delivered',
  delivered: 'Delivered',
  expired: 'Expired',
  deliveryfailed: 'Delivery failed',
  submitted: 'Submitted',
  pendingapproval: 'Pending approval',
  denied: 'Denied',
  scheduled: 'Scheduled',
  canceled: 'Canceled',
  accepted: 'Accepted',
};

// accessPackageAssignmentRequest.requestType: who asked (admin, user, a policy) and for what.
const REQUEST_TYPES: Readonly<Record<string, string>> = {
  adminadd: 'Added by an admin',
  adminupdate: 'Updated by an admin',
  adminremove: 'Removed by an admin',
  useradd: 'Requested by the user',
  userupdate: 'Updated by the user',
  userremove: 'Removed by the user',
  systemadd: 'Added by a policy',
  systemupdate: 'Updated by a policy',
  systemremove: 'Removed by a policy',
  onbehalfadd: "Requested on the user's behalf",
  notspecified: 'Not specified',
};

/**
 * An enum value in words from `table`; one Graph adds later is split into words ("someNewState" → "Some new
 * state") so an admin never reads a raw enum. Not escaped: escape before display.
 */
function enumWords(table: Readonly<Record<string, string>>, value: string | undefined): string {
  const raw = (value ?? '').trim();
  if (raw === '') return 'Unknown';
  const key = raw.toLowerCase();
  if (Object.hasOwn(table, key)) return table[key];
  const words = raw.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An assignment or request state in words ("Delivery failed"). */
export function stateWords(state: string | undefined): string {
  return enumWords(STATES, state);
}

/** A request type in words ("Requested by the user"). */
export function requestTypeWords(type: string | undefined): string {
  return enumWords(REQUEST_TYPES, type);
}

/** A row with `value` escaped; none when the value is missing or blank. */
export function fact(title: string, value: string | undefined): Fact[] {
  const safe = value === undefined ? '' : escapeMarkdown(value);
  return safe === '' ? [] : [{ title, value: safe }];
}

/** A row of our own wording (a count, rate or duration) shown as is; none when the value is missing. */
export function ownFact(title: string, value: string | undefined): Fact[] {
  // Not escaped: escapeMarkdown would turn "42.5" into "42\.5", a list-marker guard these values never need.
  return value ? [{ title, value }] : [];
}

/** A count as a row; always shown, zero included. */
export function countFact(title: string, n: number): Fact[] {
  return ownFact(title, formatCount(n));
}

/** "Name (upn)": each part escaped on its own so our parentheses stay plain; either part may be missing. */
export function personFact(title: string, name: string | undefined, id: string | undefined): Fact[] {
  const [n, i] = [escapeMarkdown(name ?? ''), escapeMarkdown(id ?? '')];
  const value = n && i && n !== i ? `${n} (${i})` : n || i;
  return value ? [{ title, value }] : [];
}

/** A date as a human UTC date; an absent or unreadable one drops the row. */
export function timeFact(title: string, at: Date | string | undefined): Fact[] {
  return at ? fact(title, formatUtc(new Date(at)).human) : [];
}

/** Who did something (as "Name (upn)") and when. */
export function actorFacts(title: string, actor: Actor, at: Date): Fact[] {
  return [...personFact(title, actor.name, actor.upn), ...timeFact(Labels.when, at)];
}

/** The user and access package an assignment or a request is about; `withPackageId` adds the package's id. */
export function targetFacts(
  about?: { target?: SubjectView; accessPackage?: AccessPackageView },
  withPackageId = false,
): Fact[] {
  const { target, accessPackage: pkg } = about ?? {};
  return [
    ...personFact(Labels.user, target?.displayName, target?.principalName ?? target?.email),
    ...fact(Labels.accessPackage, pkg?.displayName ?? pkg?.id),
    ...(withPackageId && pkg?.displayName ? fact(Labels.accessPackageId, pkg.id) : []),
  ];
}

/** Id, user, access package and state of an assignment; only the id when the assignment was not read. */
export function assignmentFacts(id: string | undefined, assignment?: AssignmentView, withPackageId = false): Fact[] {
  return [
    ...fact(Labels.assignmentId, id),
    ...targetFacts(assignment, withPackageId),
    ...fact(Labels.state, assignment ? stateWords(assignment.state) : undefined),
  ];
}

/** Id (under `idTitle`), type, state and creation date of an access package request. */
export function requestFacts(request: RequestView, idTitle: string = Labels.requestId): Fact[] {
  return [
    ...fact(idTitle, request.id),
    ...fact(Labels.requestType, request.requestType && requestTypeWords(request.requestType)),
    ...fact(Labels.requestState, stateWords(request.state)),
    ...timeFact(Labels.requestCreated, request.createdAt),
  ];
}

/** The rows of the Diagnostics section: HTTP status and code when Graph failed, correlation ids, the exact time. */
export function diagnosticFacts(at: Date, ids?: RequestIds, http?: { status: number; code: string }): Fact[] {
  return [
    ...fact('HTTP status', http ? String(http.status) : undefined),
    ...fact('Error code', http?.code),
    ...fact(Labels.graphRequestId, ids?.requestId),
    ...fact(Labels.clientRequestId, ids?.clientRequestId),
    ...fact('Timestamp (UTC)', formatUtc(at).iso),
  ];
}

/** Part of a long list: the items shown, and "and N more" when some are left out. */
export interface ShortList<T> {
  items: T[];
  more?: string;
}

/** The first `max` items mapped by `show`, plus "and N more" for the rest (`total` when only a sample is kept). */
export function shortList<A, T>(
  all: readonly A[],
  max: number,
  show: (item: A) => T,
  total = all.length,
): ShortList<T> {
  const hidden = total - Math.min(max, all.length);
  return { items: all.slice(0, max).map(show), ...(hidden > 0 ? { more: `and ${formatCount(hidden)} more` } : {}) };
}
