/** Data of `cards/outcome.json`, the one template of the result, status and request result cards. */
import type { Actor } from '../services/outcomes';
import type { RequestIds } from '../graph/types';
import { Verbs } from '../bot/verbs';
import { Labels } from './wording';
import { actorFacts, diagnosticFacts, type Fact } from './facts';

/** Container style and emphasis of a card's header. */
export type Tone = 'good' | 'attention' | 'warning' | 'accent' | 'default';

/** Who acted and when, as passed to the outcome render functions. */
export type CardContext = { actor: Actor; at: Date };

/** Title, summary and optional next step of one outcome's card; text is Markdown-safe. */
export interface CardWording<O> {
  title: string;
  summary: (outcome: O) => string;
  next?: (outcome: O) => string;
}

/** A button's title and the raw id its Action.Execute data carries. */
export interface Button {
  title: string;
  id: string;
}

/** An outcome card's Action.Execute buttons, shown in this order; `cards/outcome.json` fixes each verb's data. */
export interface OutcomeButtons {
  /** `status` with `{ assignmentId }`: Check status, Refresh or Try again. */
  status?: Button;
  /** `reprocess` with `{ assignmentId }`: Reprocess or Try again. */
  reprocess?: Button;
  /** `reprocessRequest` with `{ requestId }`: Reprocess request or Try again. */
  reprocessRequest?: Button;
}

/** Data bound to `cards/outcome.json`; optional parts are absent (never empty) so `$when` drops them. */
export interface OutcomeCardData {
  tone: Tone;
  title: string;
  summary: string;
  next?: string;
  facts: Fact[];
  diagnostics: Fact[];
  consentUrl?: string;
  buttons: OutcomeButtons;
  labels: typeof Labels;
  verbs: typeof Verbs;
}

/** What varies per outcome besides wording. */
export interface OutcomeParts {
  tone: Tone;
  /** Facts about what was acted on; the actor and time follow them. */
  subject?: Fact[];
  actorLabel?: string;
  ids?: RequestIds;
  http?: { status: number; code: string };
  consentUrl?: string;
  buttons?: { [K in keyof OutcomeButtons]?: Button | false };
}

/** A button titled `title` for `id`; none (false) when the id is missing or blank. */
export function button(title: string, id: string | undefined): Button | false {
  return id !== undefined && id.trim() !== '' && { title, id };
}

function presentButtons(buttons: OutcomeParts['buttons'] = {}): OutcomeButtons {
  const { status, reprocess, reprocessRequest } = buttons;
  return {
    ...(status ? { status } : {}),
    ...(reprocess ? { reprocess } : {}),
    ...(reprocessRequest ? { reprocessRequest } : {}),
  };
}

/** Builds an outcome card's data from its wording and parts. */
export function outcomeCardData<O>(
  outcome: O,
  wording: CardWording<O>,
  parts: OutcomeParts,
  ctx: CardContext,
): OutcomeCardData {
  const next = wording.next?.(outcome);
  return {
    tone: parts.tone,
    title: wording.title,
    summary: wording.summary(outcome),
    ...(next ? { next } : {}),
    facts: [...(parts.subject ?? []), ...actorFacts(parts.actorLabel ?? Labels.actor, ctx.actor, ctx.at)],
    diagnostics: diagnosticFacts(ctx.at, parts.ids, parts.http),
    ...(parts.consentUrl ? { consentUrl: parts.consentUrl } : {}),
    buttons: presentButtons(parts.buttons),
    labels: Labels,
    verbs: Verbs,
  };
}

/** Fails loudly on an outcome kind added to a union without a card. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled outcome: ${JSON.stringify(value)}`);
}
