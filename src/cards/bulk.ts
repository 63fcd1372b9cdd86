/** The bulk job cards: confirmation before anything is sent, progress while it runs, and the summary. */
import type { AccessPackageView } from '../graph/types';
import type {
  BulkConfirmationView,
  BulkFailureView,
  BulkProgressView,
  BulkSource,
  BulkSummaryView,
} from '../services/bulk-views';
import type { Actor } from '../services/outcomes';
import {
  actorFacts,
  countFact,
  fact,
  Labels,
  ownFact,
  personFact,
  shortList,
  stateWords,
  timeFact,
  type Fact,
} from './facts';
import { NOTHING_SENT, outcomeWords, type Tone } from './outcome';
import { expandTemplate, type AdaptiveCardJson } from './templates';
import {
  countOf,
  durationBetween,
  echo,
  escapeMarkdown,
  formatCount,
  formatEta,
  formatRate,
  percentOf,
  truncate,
} from './text';

/** Skipped inputs listed at most; the rest are counted in "and N more". */
export const MAX_SKIPPED_SHOWN = 10;
/** Failures listed at most; the rest are counted in "and N more" (Retry failed still covers them all). */
export const MAX_FAILURES_SHOWN = 15;

const RUNS_AS =
  'Each reprocess runs as whoever confirms, with their own Entra role (Access Package Assignment Manager or higher). ' +
  'Microsoft Graph queues each one: accepted means queued, not done.';
const QUEUED =
  'Accepted means queued, not done: each assignment is re-evaluated and its access re-applied in the background.';

function packageName(source: Extract<BulkSource, { kind: 'package' }>): string {
  return escapeMarkdown(source.displayName ?? '') || escapeMarkdown(source.accessPackageId);
}

function sourceFacts(source: BulkSource): Fact[] {
  return source.kind === 'ids'
    ? fact('Source', 'A list of assignment ids')
    : personFact(Labels.accessPackage, source.displayName, source.accessPackageId);
}

function jobFacts(owner: Actor, source: BulkSource, jobId: string): Fact[] {
  return [...personFact('Owner', owner.name, owner.upn), ...sourceFacts(source), ...fact('Job id', jobId)];
}

function confirmationSummary(view: BulkConfirmationView): string {
  const { count, source } = view;
  if (count > 0) {
    return source.kind === 'ids'
      ? `This reprocesses ${countOf(count, 'assignment')} from the list you sent.`
      : `This reprocesses every Delivered assignment of access package ${packageName(source)}: ${countOf(count, 'assignment')}.`;
  }
  if (source.kind === 'package')
    return `Access package ${packageName(source)} has no Delivered assignments that your role can see.`;
  return view.skipped.count > 0
    ? 'None of what you sent is an assignment id.'
    : 'The list you sent has no assignment ids.';
}

/** Asks to confirm a bulk reprocess (Confirm / Cancel); with nothing to reprocess, says so and offers no button. */
export function renderBulkConfirmation(view: BulkConfirmationView): AdaptiveCardJson {
  const { count, skipped } = view;
  const list = shortList(skipped.sample, MAX_SKIPPED_SHOWN, (input) => ({ text: echo(input) }), skipped.count);
  const heading = `${countOf(skipped.count, 'input')} ${skipped.count === 1 ? 'is not an assignment id' : 'are not assignment ids'}; skipped:`;
  return expandTemplate('bulk-confirmation', {
    tone: count > 0 ? 'accent' : 'warning',
    title: count > 0 ? `Reprocess ${countOf(count, 'assignment')}?` : 'Nothing to reprocess',
    summary: confirmationSummary(view),
    note: count > 0 ? RUNS_AS : NOTHING_SENT,
    facts: [
      ...(count > 0 ? countFact('Assignments', count) : []),
      ...sourceFacts(view.source),
      ...actorFacts('Requested by', view.requestedBy, view.at),
    ],
    ...(skipped.count > 0 ? { skipped: { heading, ...list } } : {}),
    ...(count > 0 && view.jobId.trim() ? { jobId: view.jobId } : {}),
  });
}

// Weights, not counts, so one failure among thousands still shows as a sliver.
function weight(part: number, total: number): number | undefined {
  return part > 0 && total > 0 ? Math.max(1, Math.round((Math.min(part, total) / total) * 100)) : undefined;
}

/** A running job's progress (with Stop), or a paused one's reason (with Resume and Cancel). */
export function renderBulkProgress(view: BulkProgressView): AdaptiveCardJson {
  const paused = view.state === 'paused';
  const processed = view.succeeded + view.failed;
  const bar = Object.fromEntries(
    Object.entries({ succeeded: view.succeeded, failed: view.failed, remaining: view.remaining }).flatMap(([k, n]) => {
      const w = weight(n, view.total);
      return w ? [[k, w]] : [];
    }),
  );
  return expandTemplate('bulk-progress', {
    tone: paused ? 'warning' : 'accent',
    title: paused ? 'Bulk reprocess paused' : `Reprocessing ${countOf(view.total, 'assignment')}`,
    summary: `${formatCount(processed)} of ${formatCount(view.total)} processed (${percentOf(processed, view.total)}%).`,
    ...(Object.keys(bar).length > 0 ? { bar } : {}),
    ...(paused
      ? { reason: escapeMarkdown(view.pausedReason ?? '') || 'The bot stopped before the job finished.' }
      : {}),
    facts: [
      ...countFact('Succeeded', view.succeeded),
      ...countFact('Failed', view.failed),
      ...countFact('Remaining', view.remaining),
      ...countFact('Total', view.total),
      // A rate and an estimate say nothing about a job that is not moving.
      ...(paused
        ? []
        : [...ownFact('Rate', formatRate(view.ratePerSecond)), ...ownFact('Time left', formatEta(view.etaSeconds))]),
      ...timeFact('Started', view.startedAt),
      ...timeFact('Last update', view.updatedAt),
      ...jobFacts(view.owner, view.source, view.jobId),
    ],
    ...(view.jobId.trim() ? { jobId: view.jobId, paused } : {}),
  });
}

/** "Not eligible: Delivering · HTTP 400 · request-id …": what the failure means, as a single command would say it. */
export function failureDetail(failure: BulkFailureView): string {
  const meaning =
    outcomeWords(failure.kind) +
    (failure.kind === 'notEligible' && failure.state ? `: ${escapeMarkdown(stateWords(failure.state))}` : '');
  const parts = [
    meaning,
    failure.httpStatus ? `HTTP ${failure.httpStatus}` : '',
    failure.requestId?.trim() ? `${Labels.graphRequestId} ${escapeMarkdown(failure.requestId)}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function summaryText(view: BulkSummaryView): string {
  const failed = view.failures.length;
  const sent = view.total - view.notSent;
  const failedPart = failed > 0 ? `; ${formatCount(failed)} failed` : '';
  if (view.state === 'completed')
    return `Microsoft Graph accepted ${formatCount(view.succeeded)} of ${countOf(view.total, 'assignment')}${failedPart}.`;
  if (sent <= 0) return 'Cancelled before anything was sent: nothing was reprocessed.';
  const notSent = `${countOf(view.notSent, 'assignment')} ${view.notSent === 1 ? 'was' : 'were'} not sent.`;
  return `Stopped after ${formatCount(sent)} of ${countOf(view.total, 'assignment')}: Microsoft Graph accepted ${formatCount(view.succeeded)}${failedPart}. ${notSent}`;
}

function retryNote(retryable: number, permanent: number): string {
  const leftOut =
    permanent > 0
      ? ` It leaves out ${formatCount(permanent)} that would fail the same way again (not found, access denied, not eligible or refused).`
      : '';
  return `Retry failed sends the ${countOf(retryable, 'assignment')} that may succeed now (throttled, Graph failures, no answer, interrupted).${leftOut}`;
}

/** How a job ended: counts, each failure in words, and Retry failed when some failures may succeed on retry. */
export function renderBulkSummary(view: BulkSummaryView): AdaptiveCardJson {
  const failed = view.failures.length;
  const retryable = view.failures.filter((f) => f.retryable).length;
  const canRetry = view.state === 'completed' && retryable > 0 && view.jobId.trim() !== '';
  const tone: Tone =
    failed > 0 && view.succeeded <= 0 ? 'attention' : failed > 0 || view.state === 'cancelled' ? 'warning' : 'good';
  const next = [view.succeeded > 0 ? QUEUED : '', canRetry ? retryNote(retryable, failed - retryable) : '']
    .filter(Boolean)
    .join(' ');
  const failures = shortList(view.failures, MAX_FAILURES_SHOWN, (f) => ({ id: echo(f.id), detail: failureDetail(f) }));
  return expandTemplate('bulk-summary', {
    tone,
    title: view.state === 'cancelled' ? 'Bulk reprocess cancelled' : 'Bulk reprocess finished',
    summary: summaryText(view),
    ...(next ? { next } : {}),
    facts: [
      ...countFact('Succeeded', view.succeeded),
      ...countFact('Failed', failed),
      ...(view.notSent > 0 ? countFact('Not sent', view.notSent) : []),
      ...(view.skipped.count > 0 ? countFact('Skipped inputs', view.skipped.count) : []),
      ...countFact('Total', view.total),
      ...ownFact('Duration', durationBetween(view.startedAt, view.finishedAt)),
      ...timeFact('Finished', view.finishedAt),
      ...jobFacts(view.owner, view.source, view.jobId),
    ],
    ...(failed > 0 ? { failures } : {}),
    ...(canRetry ? { retryJobId: view.jobId } : {}),
  });
}

/** Packages offered at most (Teams shows a handful of buttons); the rest are counted. */
export const MAX_PACKAGES_SHOWN = 5;
const BUTTON_CHARS = 60;

/** Several access packages match the name typed: one button per package, each asking for its confirmation card. */
export function renderPackageChoice(
  query: string,
  packages: readonly AccessPackageView[],
  total = packages.length,
): AdaptiveCardJson {
  // A button's title is plain text (no Markdown): it gets the name as it is, on one line and shortened.
  const label = (p: AccessPackageView) =>
    truncate((p.displayName ?? '').replace(/\s+/g, ' ').trim(), BUTTON_CHARS) || p.id;
  const list = shortList(
    packages,
    MAX_PACKAGES_SHOWN,
    (p) => ({ name: escapeMarkdown(p.displayName ?? '') || escapeMarkdown(p.id), label: label(p), id: p.id }),
    total,
  );
  return expandTemplate('package-choice', {
    title: `${countOf(total, 'access package')} match "${echo(query)}"`,
    packages: list.items,
    ...(list.more ? { more: `${list.more}: type more of the name, or the package id.` } : {}),
  });
}
