/** Wording of the bulk reprocess cards: confirmation, progress and summary. */
import type { BulkSource } from '../services/bulk-views';
import { escapeMarkdown, Labels } from './wording';
import { countOf, formatCount } from './bulk-format';
import { NOTHING_SENT } from './shared-wording';

/** Fact titles and button labels of the bulk cards. */
export const BulkLabels = {
  assignments: 'Assignments',
  source: 'Source',
  succeeded: 'Succeeded',
  failed: 'Failed',
  remaining: 'Remaining',
  skipped: 'Skipped',
  notSent: 'Not sent',
  total: 'Total',
  rate: 'Rate',
  eta: 'Time left',
  started: 'Started',
  lastUpdate: 'Last update',
  finished: 'Finished',
  duration: 'Duration',
  owner: 'Owner',
  jobId: 'Job id',
  confirm: 'Confirm',
  cancel: 'Cancel',
  stop: 'Stop',
  resume: 'Resume',
  retryFailed: 'Retry failed',
} as const;

/** The package's display name, or its id when Graph gave no name; escaped. */
function packageName(source: Extract<BulkSource, { kind: 'package' }>): string {
  return escapeMarkdown(source.displayName ?? '') || escapeMarkdown(source.accessPackageId);
}

/** Where the assignments come from, as the end of a sentence; Markdown-safe. */
export function sourcePhrase(source: BulkSource): string {
  return source.kind === 'ids'
    ? 'from the list you sent'
    : `every Delivered assignment of access package ${packageName(source)}`;
}

/** The Source fact of a job made from ids the user sent; a package job shows the package instead. */
export const IDS_SOURCE = 'A list of assignment ids';

/** "Not found · HTTP 404 · request-id <id>": parts present, once each; `lead` must be Markdown-safe already. */
export function detailLine(lead: string, httpStatus?: number, requestId?: string): string {
  const parts = [
    lead,
    httpStatus === undefined ? '' : `HTTP ${httpStatus}`,
    requestId?.trim() ? `${Labels.requestId} ${escapeMarkdown(requestId)}` : '',
  ];
  // A reason that is itself "HTTP 500" is not repeated by the status part.
  return [...new Set(parts.filter((p) => p.trim() !== ''))].join(' · ');
}

/** Shown for an echoed input or id that is blank once made safe. */
export const BLANK_ECHO = '(blank)';

/** "and 12 more", under a list cut short. */
export function andMore(hidden: number): string {
  return `and ${formatCount(hidden)} more`;
}

function nothingSummary(source: BulkSource, skipped: number): string {
  if (source.kind === 'package') {
    return `Access package ${packageName(source)} has no Delivered assignments that your role can see.`;
  }
  return skipped > 0 ? 'None of what you sent is an assignment id.' : 'The list you sent has no assignment ids.';
}

/** Wording of the card that asks to confirm a bulk reprocess before anything is sent to Graph. */
export const ConfirmationWording = {
  title: (count: number): string => (count > 0 ? `Reprocess ${countOf(count, 'assignment')}?` : 'Nothing to reprocess'),
  summary: (count: number, source: BulkSource, skipped: number): string => {
    if (count <= 0) return nothingSummary(source, skipped);
    return source.kind === 'ids'
      ? `This reprocesses ${countOf(count, 'assignment')} ${sourcePhrase(source)}.`
      : `This reprocesses ${sourcePhrase(source)}: ${countOf(count, 'assignment')}.`;
  },
  nothingSent: NOTHING_SENT,
  runsAs:
    'Each reprocess runs as whoever confirms, with their own Entra role (Access Package Assignment Manager ' +
    'or higher). Microsoft Graph queues each one: accepted means queued, not done.',
  /** "3 inputs are not assignment ids; skipped:" over the list of skipped inputs. */
  skippedHeading: (n: number): string =>
    `${countOf(n, 'input')} ${n === 1 ? 'is not an assignment id' : 'are not assignment ids'}; skipped:`,
} as const;

/** Wording of the progress card, updated in place while a job runs or after it paused. */
export const ProgressWording = {
  title: (state: 'running' | 'paused', total: number): string =>
    state === 'paused' ? 'Bulk reprocess paused' : `Reprocessing ${countOf(total, 'assignment')}`,
  summary: (processed: number, total: number, percent: number): string =>
    `${formatCount(processed)} of ${formatCount(total)} processed (${percent}%).`,
  running:
    'This card updates every few seconds. Stop cancels the assignments not sent yet; ' +
    'those Microsoft Graph already accepted stay queued.',
  pausedReason: 'The bot stopped before the job finished.',
  resume: 'The owner can resume it: Resume continues with the remaining assignments.',
} as const;

/** Wording of the card that closes a bulk job. */
export const SummaryWording = {
  title: (state: 'completed' | 'cancelled'): string =>
    state === 'cancelled' ? 'Bulk reprocess cancelled' : 'Bulk reprocess finished',
  summary: (succeeded: number, failed: number, total: number): string =>
    `Microsoft Graph accepted ${formatCount(succeeded)} of ${countOf(total, 'assignment')}` +
    `${failed > 0 ? `; ${formatCount(failed)} failed` : ''}.`,
  /** Said on a cancelled job for the assignments never sent. */
  notSent: (n: number): string => `${countOf(n, 'assignment')} ${n === 1 ? 'was' : 'were'} not sent.`,
  queued:
    'Accepted means queued, not done: each assignment is re-evaluated and its access re-applied in the background.',
  retry: 'Retry failed sends only the failed assignments again.',
  failuresHeading: 'Failed assignments',
  /** Shown for a failure whose reason is blank. */
  noReason: 'Failed',
} as const;
