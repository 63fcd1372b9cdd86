import { renderBulkConfirmation, renderBulkProgress, renderBulkSummary } from '../../cards/bulk';
import type { AdaptiveCardJson } from '../../cards/templates';
import { confirmationView, progressView, summaryView } from '../../services/job-views';
import type { Job } from '../../storage/jobs';

/** The card a job shows in its current state: confirmation, progress (or paused), or summary. */
export function cardForJob(job: Job, now = new Date()): AdaptiveCardJson {
  switch (job.state) {
    case 'awaitingConfirmation':
      return renderBulkConfirmation(confirmationView(job));
    case 'running':
    case 'paused':
      return renderBulkProgress(progressView(job, now));
    case 'completed':
    case 'cancelled':
      return renderBulkSummary(summaryView(job));
  }
}
