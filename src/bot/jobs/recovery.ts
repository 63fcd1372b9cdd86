import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Job, JobStore } from '../../storage/jobs';
import { cardAttachment, cardForJob } from './job-card';

const SWEEP_INTERVAL_MS = 5_000;
export const RESTART_REASON = 'Reprocess restarted while this job was running. Nothing was lost: resume to finish it.';

/**
 * Finds running jobs whose runner died (lease expired: crash, kill -9, deploy) and pauses them: items that were in
 * flight become `interrupted` (their result is unknown, so they are never re-sent silently), and the job's card is
 * updated proactively with a Resume button for its owner.
 */
export class JobRecovery {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly jobs: JobStore,
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    void this.sweep();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass: pause every running job with an expired lease. Returns the ids it paused. */
  async sweep(now = Date.now()): Promise<string[]> {
    const paused: string[] = [];
    try {
      for (const job of await this.jobs.listRunning()) {
        if ((job.lease?.until ?? 0) > now) continue;
        if (await this.pause(job.id)) paused.push(job.id);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'job recovery sweep failed');
    }
    return paused;
  }

  private async pause(jobId: string): Promise<boolean> {
    const stored = await this.jobs.get(jobId);
    if (!stored || stored.value.state !== 'running' || (stored.value.lease?.until ?? 0) > Date.now()) return false;
    const job: Job = { ...stored.value, state: 'paused', pausedReason: RESTART_REASON, lease: undefined, updatedAt: new Date().toISOString() };
    job.items = job.items.map((i) => (i.status === 'inflight' ? { ...i, status: 'interrupted' } : i));
    if (!(await this.jobs.replace(job, stored.etag))) return false;
    this.log.info({ jobId }, 'paused a job whose runner stopped');
    await this.updateCard(job);
    return true;
  }

  private async updateCard(job: Job): Promise<void> {
    if (!job.cardActivityId) return;
    const activity = { id: job.cardActivityId, type: 'message', attachments: [cardAttachment(cardForJob(job))] };
    try {
      await this.adapter.continueConversationAsync(this.botAppId, job.conversation as Partial<ConversationReference>, async (context) => {
        await context.updateActivity(activity);
      });
    } catch (error) {
      this.log.warn({ jobId: job.id, err: error }, 'could not update the card of a paused job');
    }
  }
}
