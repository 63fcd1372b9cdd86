/** Turns a reprocess outcome into the data object of `cards/result.json`. */
import type { Actor, ReprocessOutcome } from '../services/outcomes';
import type { AssignmentView, RequestIds } from '../graph/types';
import { Verbs } from '../bot/verbs';
import { escapeMarkdown, formatUtc, humanState, Labels } from './wording';
import { ResultWording, type OutcomeWording } from './result-wording';

/** Container style and emphasis of a card's header. */
export type Tone = 'good' | 'attention' | 'warning' | 'accent';

/** One FactSet row; both parts are already Markdown-safe. */
export interface Fact {
  title: string;
  value: string;
}

/** Data bound to `cards/result.json`; optional parts are absent (never empty) so `$when` drops them. */
export interface ResultCardData {
  tone: Tone;
  title: string;
  summary: string;
  next?: string;
  facts: Fact[];
  diagnostics: Fact[];
  /** Raw id for button data; present only when the outcome carries a valid id. */
  assignmentId?: string;
  showRetry: boolean;
  consentUrl?: string;
  labels: typeof Labels;
  verbs: typeof Verbs;
}

/** Who acted and when, as passed to `renderResult`. */
export type ResultContext = { actor: Actor; at: Date };

// What varies per outcome besides wording; everything else is derived the same way for every kind.
interface Parts {
  tone: Tone;
  assignmentId?: string;
  assignment?: AssignmentView;
  ids?: RequestIds;
  http?: { status: number; code: string };
  showRetry?: boolean;
  consentUrl?: string;
}

function fact(title: string, value: string | undefined): Fact[] {
  const safe = value === undefined ? '' : escapeMarkdown(value);
  return safe === '' ? [] : [{ title, value: safe }];
}

// "Name (upn)": each part is escaped on its own so our parentheses stay plain; either part may be missing.
function personFact(title: string, name: string | undefined, id: string | undefined): Fact[] {
  const [n, i] = [escapeMarkdown(name ?? ''), escapeMarkdown(id ?? '')];
  const value = n && i && n !== i ? `${n} (${i})` : n || i;
  return value ? [{ title, value }] : [];
}

function facts(parts: Parts, ctx: ResultContext, human?: string): Fact[] {
  const a = parts.assignment;
  const target = a?.target;
  return [
    ...fact(Labels.assignmentId, parts.assignmentId),
    ...personFact(Labels.user, target?.displayName, target?.principalName ?? target?.email),
    ...fact(Labels.accessPackage, a?.accessPackage?.displayName ?? a?.accessPackage?.id),
    ...fact(Labels.state, a ? humanState(a.state) : undefined),
    ...personFact(Labels.actor, ctx.actor.name, ctx.actor.upn),
    ...fact(Labels.when, human),
  ];
}

function diagnostics(parts: Parts, iso?: string): Fact[] {
  return [
    ...fact(Labels.httpStatus, parts.http ? String(parts.http.status) : undefined),
    ...fact(Labels.errorCode, parts.http?.code),
    ...fact(Labels.requestId, parts.ids?.requestId),
    ...fact(Labels.clientRequestId, parts.ids?.clientRequestId),
    ...fact(Labels.timestamp, iso),
  ];
}

function assemble<K extends ReprocessOutcome['kind']>(
  outcome: Extract<ReprocessOutcome, { kind: K }>,
  wording: OutcomeWording<K>,
  parts: Parts,
  ctx: ResultContext,
): ResultCardData {
  const { human, iso } = formatUtc(ctx.at);
  const next = wording.next?.(outcome);
  return {
    tone: parts.tone,
    title: wording.title,
    summary: wording.summary(outcome),
    ...(next ? { next } : {}),
    facts: facts(parts, ctx, human),
    diagnostics: diagnostics(parts, iso),
    ...(parts.assignmentId ? { assignmentId: parts.assignmentId } : {}),
    showRetry: parts.showRetry ?? false,
    ...(parts.consentUrl ? { consentUrl: parts.consentUrl } : {}),
    labels: Labels,
    verbs: Verbs,
  };
}

/** Builds the result card data for any outcome; the exhaustive switch keeps one card per kind. */
export function resultCardData(outcome: ReprocessOutcome, ctx: ResultContext): ResultCardData {
  const W = ResultWording;
  switch (outcome.kind) {
    case 'accepted': {
      const { assignment, ids } = outcome;
      return assemble(outcome, W.accepted, { tone: 'good', assignmentId: assignment.id, assignment, ids }, ctx);
    }
    case 'invalidId':
      return assemble(outcome, W.invalidId, { tone: 'attention' }, ctx);
    case 'notFound': {
      const { assignmentId, ids } = outcome;
      return assemble(outcome, W.notFound, { tone: 'attention', assignmentId, ids }, ctx);
    }
    case 'notEligible': {
      const { assignment, ids } = outcome;
      return assemble(outcome, W.notEligible, { tone: 'warning', assignmentId: assignment.id, assignment, ids }, ctx);
    }
    case 'accessDenied': {
      const { assignmentId, ids } = outcome;
      return assemble(outcome, W.accessDenied, { tone: 'attention', assignmentId, ids }, ctx);
    }
    case 'consentRequired': {
      const { assignmentId, consentUrl } = outcome;
      return assemble(outcome, W.consentRequired, { tone: 'attention', assignmentId, consentUrl }, ctx);
    }
    case 'throttled': {
      const { assignmentId, ids } = outcome;
      return assemble(outcome, W.throttled, { tone: 'warning', assignmentId, ids, showRetry: true }, ctx);
    }
    case 'graphFailure': {
      const { assignmentId, ids, status, code } = outcome;
      const parts: Parts = { tone: 'attention', assignmentId, ids, http: { status, code }, showRetry: true };
      return assemble(outcome, W.graphFailure, parts, ctx);
    }
    default:
      return assertNever(outcome);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled reprocess outcome: ${JSON.stringify(value)}`);
}
