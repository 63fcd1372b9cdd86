/** One typed render function per card; each prepares data and expands a template from `cards/`. */
import type { ActionPrompt, ReprocessOutcome, RequestReprocessOutcome, StatusOutcome } from '../services/outcomes';
import { Verbs } from '../bot/verbs';
import { expandTemplate, type AdaptiveCardJson } from './templates';
import { resultCardData, type ResultContext } from './result-data';
import type { CardContext } from './outcome-data';
import { statusCardData } from './status-data';
import { requestCardData } from './request-data';
import { promptCardData, workingCardData, type WorkingCardData } from './prompt-data';
import { ConsentWording, HelpWording, Labels, SignedOutWording, escapeMarkdown } from './wording';
import type { BulkConfirmationView, BulkProgressView, BulkSummaryView, HistoryView } from '../services/bulk-views';
import { bulkConfirmationCardData } from './bulk-confirmation-data';
import { bulkProgressCardData } from './bulk-progress-data';
import { bulkSummaryCardData } from './bulk-summary-data';
import { historyCardData } from './history-data';

export type { AdaptiveCardJson } from './templates';
export type { ResultContext } from './result-data';
export type { CardContext } from './outcome-data';
export type { WorkingCardData } from './prompt-data';
export { escapeMarkdown, humanState } from './wording';
export { humanRequestState } from './request-states';
export { WorkingWording } from './prompt-wording';
export { outcomeWords } from './history-wording';

/** Data of the admin consent card. */
export interface ConsentCardData {
  consentUrl: string;
  tenantId?: string;
}

/** Data of the generic error card; message and detail are escaped before display. */
export interface ErrorCardData {
  title: string;
  message: string;
  detail?: string;
}

/** The card answering a reprocess: one wording, tone and button set per outcome kind. */
export function renderResult(outcome: ReprocessOutcome, ctx: ResultContext): AdaptiveCardJson {
  return expandTemplate('outcome', resultCardData(outcome, ctx));
}

/** The card answering `status <id>` or "Check status": state, user, package, latest request and the next action. */
export function renderStatus(outcome: StatusOutcome, ctx: CardContext): AdaptiveCardJson {
  return expandTemplate('outcome', statusCardData(outcome, ctx));
}

/** The card answering `reprocess request <id>`: one wording, tone and button set per outcome kind. */
export function renderRequestResult(outcome: RequestReprocessOutcome, ctx: CardContext): AdaptiveCardJson {
  return expandTemplate('outcome', requestCardData(outcome, ctx));
}

/** The channel card that lets whoever clicks run a command someone asked for, with their own permissions. */
export function renderActionPrompt(prompt: ActionPrompt): AdaptiveCardJson {
  return expandTemplate('action-prompt', promptCardData(prompt));
}

/** A small interim "Working on it…" card, replaced by the outcome card when Graph answers. */
export function renderWorking(data: WorkingCardData): AdaptiveCardJson {
  return expandTemplate('working', workingCardData(data));
}

/** The help card: what the bot does, its commands, and a small form to reprocess or check an id. */
export function renderHelp(): AdaptiveCardJson {
  return expandTemplate('help', {
    ...HelpWording,
    // Angle brackets in "<assignment id>" would read as HTML to a Markdown renderer.
    commands: HelpWording.commands.map((c) => ({ title: escapeMarkdown(c.title), value: c.value })),
    channelNote: escapeMarkdown(HelpWording.channelNote),
    verbs: Verbs,
  });
}

/** The card asking a tenant admin to grant admin consent, with a link to the consent page. */
export function renderConsent(data: ConsentCardData): AdaptiveCardJson {
  const tenantId = data.tenantId?.trim();
  return expandTemplate('consent', {
    ...ConsentWording,
    consentUrl: data.consentUrl,
    ...(tenantId ? { tenantId: escapeMarkdown(tenantId) } : {}),
    labels: Labels,
  });
}

/** A generic error card, for malformed card data or sign-in failures. */
export function renderError(data: ErrorCardData): AdaptiveCardJson {
  const detail = data.detail === undefined ? '' : escapeMarkdown(data.detail);
  return expandTemplate('error', {
    title: escapeMarkdown(data.title),
    message: escapeMarkdown(data.message),
    ...(detail ? { detail } : {}),
  });
}

/** The card confirming sign-out. */
export function renderSignedOut(): AdaptiveCardJson {
  return expandTemplate('signed-out', { ...SignedOutWording });
}

/** Asks to confirm a bulk reprocess (Confirm / Cancel); with nothing to reprocess, says so and offers no button. */
export function renderBulkConfirmation(view: BulkConfirmationView): AdaptiveCardJson {
  return expandTemplate('bulk-confirmation', bulkConfirmationCardData(view));
}

/** A running bulk job's progress (with Stop), or a paused one's reason (with Resume and Cancel). */
export function renderBulkProgress(view: BulkProgressView): AdaptiveCardJson {
  return expandTemplate('bulk-progress', bulkProgressCardData(view));
}

/** How a bulk job ended: counts, the first failures, and Retry failed when a completed job had failures. */
export function renderBulkSummary(view: BulkSummaryView): AdaptiveCardJson {
  return expandTemplate('bulk-summary', bulkSummaryCardData(view));
}

/** The caller's recent reprocess attempts, newest first, and how long they are kept. */
export function renderHistory(view: HistoryView): AdaptiveCardJson {
  return expandTemplate('history', historyCardData(view));
}
