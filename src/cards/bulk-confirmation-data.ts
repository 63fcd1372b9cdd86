/** Data of `cards/bulk-confirmation.json`: what a bulk reprocess would do, before anything is sent to Graph. */
import type { BulkConfirmationView } from '../services/bulk-views';
import { Verbs } from '../bot/verbs';
import { Labels } from './wording';
import { actorFacts, type Fact } from './facts';
import type { Tone } from './outcome-data';
import { countFact, echo, shortList, sourceFacts, type ShortList } from './bulk-facts';
import { BLANK_ECHO, BulkLabels, ConfirmationWording } from './bulk-wording';

/** Skipped inputs listed at most; the rest are counted in "and N more". */
export const MAX_SKIPPED_SHOWN = 10;

/** Data bound to `cards/bulk-confirmation.json`; optional parts are absent so `$when` drops them. */
export interface BulkConfirmationCardData {
  tone: Tone;
  title: string;
  summary: string;
  note: string;
  facts: Fact[];
  skipped?: ShortList<{ text: string }> & { heading: string };
  /** Confirm and Cancel, both carrying `{ jobId }`; absent when there is nothing to confirm. */
  buttons?: { confirm: string; cancel: string; jobId: string };
  verbs: typeof Verbs;
}

function skippedList(skipped: readonly string[], count: number): BulkConfirmationCardData['skipped'] {
  if (count === 0) return undefined;
  // Only the first inputs are stored; the rest of the count is said in "and N more".
  const list = shortList(skipped, MAX_SKIPPED_SHOWN, (input) => ({
    text: echo(input, BLANK_ECHO),
  }), count);
  return { heading: ConfirmationWording.skippedHeading(count), ...list };
}

/** Builds the confirmation card data; a job with nothing to reprocess gets no buttons. */
export function bulkConfirmationCardData(view: BulkConfirmationView): BulkConfirmationCardData {
  const { count, source, requestedBy, at } = view;
  const canRun = count > 0 && view.jobId.trim() !== '';
  const skipped = skippedList(view.skipped, view.skippedCount ?? view.skipped.length);
  return {
    tone: count > 0 ? 'accent' : 'warning',
    title: ConfirmationWording.title(count),
    summary: ConfirmationWording.summary(count, source, view.skippedCount ?? view.skipped.length),
    note: count > 0 ? ConfirmationWording.runsAs : ConfirmationWording.nothingSent,
    facts: [
      ...(count > 0 ? countFact(BulkLabels.assignments, count) : []),
      ...sourceFacts(source),
      ...actorFacts(Labels.requestedBy, requestedBy, at),
    ],
    ...(skipped ? { skipped } : {}),
    ...(canRun ? { buttons: { confirm: BulkLabels.confirm, cancel: BulkLabels.cancel, jobId: view.jobId } } : {}),
    verbs: Verbs,
  };
}
