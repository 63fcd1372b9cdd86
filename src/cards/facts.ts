/** FactSet rows shared by the cards: every value is escaped here, and a missing value drops its row. */
import type { Actor } from '../services/outcomes';
import type { AccessPackageView, AssignmentView, RequestIds, RequestView, SubjectView } from '../graph/types';
import { escapeMarkdown, formatUtc, humanState, Labels } from './wording';
import { humanRequestState, humanRequestType } from './request-states';

/** One FactSet row; both parts are already Markdown-safe. */
export interface Fact {
  title: string;
  value: string;
}

/** A row with `value` escaped; none when the value is missing or blank. */
export function fact(title: string, value: string | undefined): Fact[] {
  const safe = value === undefined ? '' : escapeMarkdown(value);
  return safe === '' ? [] : [{ title, value: safe }];
}

/** "Name (upn)": each part is escaped on its own so our parentheses stay plain; either part may be missing. */
export function personFact(title: string, name: string | undefined, id: string | undefined): Fact[] {
  const [n, i] = [escapeMarkdown(name ?? ''), escapeMarkdown(id ?? '')];
  const value = n && i && n !== i ? `${n} (${i})` : n || i;
  return value ? [{ title, value }] : [];
}

/** A date as a human UTC date; an absent or unreadable one drops the row. */
export function timeFact(title: string, at: Date | undefined): Fact[] {
  return at ? fact(title, formatUtc(at).human) : [];
}

/** A Graph date-time as a human UTC date; an absent or unreadable one drops the row. */
export function dateFact(title: string, iso: string | undefined): Fact[] {
  return iso ? timeFact(title, new Date(iso)) : [];
}

/** Who acted, as "Name (upn)". */
export function actorFact(title: string, actor: Actor): Fact[] {
  return personFact(title, actor.name, actor.upn);
}

/** Who acted, and when. */
export function actorFacts(title: string, actor: Actor, at: Date): Fact[] {
  return [...actorFact(title, actor), ...timeFact(Labels.when, at)];
}

/** The user and access package an assignment or a request is about; either may be missing. */
export function targetFacts(about?: { target?: SubjectView; accessPackage?: AccessPackageView }): Fact[] {
  const target = about?.target;
  const pkg = about?.accessPackage;
  return [
    ...personFact(Labels.user, target?.displayName, target?.principalName ?? target?.email),
    ...fact(Labels.accessPackage, pkg?.displayName ?? pkg?.id),
  ];
}

/** Id, user, access package and state of an assignment; only the id when the assignment was not read. */
export function assignmentFacts(id: string | undefined, assignment?: AssignmentView): Fact[] {
  return [
    ...fact(Labels.assignmentId, id),
    ...targetFacts(assignment),
    ...fact(Labels.state, assignment ? humanState(assignment.state) : undefined),
  ];
}

/** Type, state and creation date of an access package request. */
export function requestDetailFacts(request: RequestView): Fact[] {
  return [
    ...fact(Labels.requestType, request.requestType && humanRequestType(request.requestType)),
    ...fact(Labels.requestState, humanRequestState(request.state)),
    ...dateFact(Labels.requestCreated, request.createdAt),
  ];
}

/** Id (under `idTitle`), type, state and creation date of an access package request. */
export function requestFacts(request: RequestView, idTitle: string): Fact[] {
  return [...fact(idTitle, request.id), ...requestDetailFacts(request)];
}

/** An assignment's latest request under "Latest request"; none when there is no request to show. */
export function latestRequestFacts(request: RequestView | undefined): Fact[] {
  return request ? requestFacts(request, Labels.latestRequest) : [];
}

/** The Diagnostics section: HTTP status and code when Graph failed, correlation ids, and the exact time. */
export function diagnosticFacts(at: Date, ids?: RequestIds, http?: { status: number; code: string }): Fact[] {
  return [
    ...fact(Labels.httpStatus, http ? String(http.status) : undefined),
    ...fact(Labels.errorCode, http?.code),
    ...fact(Labels.requestId, ids?.requestId),
    ...fact(Labels.clientRequestId, ids?.clientRequestId),
    ...fact(Labels.timestamp, formatUtc(at).iso),
  ];
}
