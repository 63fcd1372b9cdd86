/** Data of `cards/bulk-progress.json`: a bulk job in flight, or paused and waiting for its owner. */
import type { BulkProgressView } from '../services/bulk-views';
import { Verbs } from '../bot/verbs';
import { escapeMarkdown } from './wording';
import { timeFact, type Fact } from './facts';
import type { Tone } from './outcome-data';
import { formatEta, formatRate, percentOf } from './bulk-format';
import { countFact, jobFacts, ownFact } from './bulk-facts';
import { BulkLabels, ProgressWording } from './bulk-wording';

/** Column weights (1–100) of the progress bar; a part with nothing in it is absent so `$when` drops its column. */
export interface ProgressBar {
  succeeded?: number;
  failed?: number;
  remaining?: number;
}

/** Button titles of the progress card; each button carries `{ jobId }`. */
export interface ProgressButtons {
  /** `bulkCancel` while running. */
  stop?: string;
  /** `bulkResume` while paused. */
  resume?: string;
  /** `bulkCancel` while paused. */
  cancel?: string;
}

/** Data bound to `cards/bulk-progress.json`; optional parts are absent so `$when` drops them. */
export interface BulkProgressCardData {
  tone: Tone;
  title: string;
  summary: string;
  bar?: ProgressBar;
  reason?: string;
  note: string;
  facts: Fact[];
  buttons: ProgressButtons;
  jobId: string;
  verbs: typeof Verbs;
}

// Weights, not counts, so one failure among thousands still shows as a sliver.
function weight(part: number, total: number): number | undefined {
  return part > 0 ? Math.max(1, Math.round((Math.min(part, total) / total) * 100)) : undefined;
}

function progressBar(view: BulkProgressView): ProgressBar | undefined {
  const { total } = view;
  if (!(total > 0)) return undefined;
  const [succeeded, failed, remaining] = [view.succeeded, view.failed, view.remaining].map((n) => weight(n, total));
  if (!succeeded && !failed && !remaining) return undefined;
  return { ...(succeeded ? { succeeded } : {}), ...(failed ? { failed } : {}), ...(remaining ? { remaining } : {}) };
}

function progressFacts(view: BulkProgressView): Fact[] {
  const running = view.state === 'running';
  return [
    ...countFact(BulkLabels.succeeded, view.succeeded),
    ...countFact(BulkLabels.failed, view.failed),
    ...countFact(BulkLabels.remaining, view.remaining),
    ...countFact(BulkLabels.total, view.total),
    // A rate and an estimate say nothing about a job that is not moving.
    ...(running ? ownFact(BulkLabels.rate, formatRate(view.ratePerSecond)) : []),
    ...(running ? ownFact(BulkLabels.eta, formatEta(view.etaSeconds)) : []),
    ...timeFact(BulkLabels.started, view.startedAt),
    ...timeFact(BulkLabels.lastUpdate, view.updatedAt),
    ...jobFacts(view.owner, view.source, view.jobId),
  ];
}

function progressButtons(view: BulkProgressView): ProgressButtons {
  if (view.jobId.trim() === '') return {};
  return view.state === 'paused'
    ? { resume: BulkLabels.resume, cancel: BulkLabels.cancel }
    : { stop: BulkLabels.stop };
}

/** Builds the progress card data: Stop while running; Resume and Cancel, with the reason, once paused. */
export function bulkProgressCardData(view: BulkProgressView): BulkProgressCardData {
  const paused = view.state === 'paused';
  const bar = progressBar(view);
  const processed = view.succeeded + view.failed;
  return {
    tone: paused ? 'warning' : 'accent',
    title: ProgressWording.title(view.state, view.total),
    summary: ProgressWording.summary(processed, view.total, percentOf(processed, view.total)),
    ...(bar ? { bar } : {}),
    ...(paused ? { reason: escapeMarkdown(view.pausedReason ?? '') || ProgressWording.pausedReason } : {}),
    note: paused ? ProgressWording.resume : ProgressWording.running,
    facts: progressFacts(view),
    buttons: progressButtons(view),
    jobId: view.jobId,
    verbs: Verbs,
  };
}
