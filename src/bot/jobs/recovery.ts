import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { changeStoredJob } from '../../services/job-changes';
import type { Job, JobStore } from '../../storage/jobs';
import { cardAttachment } from '../turn';
import { cardForJob } from './job-card';

const SWEEP_INTERVAL_MS = 5_000;

/**
 * Finds running jobs whose runner died (lease expired: crash, kill -9, deploy) and pauses them through the job state
 * machine's `pauseOnRestart`: items that were in flight become `interrupted` (their result is unknown, so they are
 * never re-sent silently), and the job's card is updated proactively with a Resume button for its owner.
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

  // Judged again against the stored job at this moment: a runner that renewed its lease meanwhile keeps its job.
  private async pause(jobId: string): Promise<boolean> {
    const result = await changeStoredJob(this.jobs, jobId, { kind: 'pauseOnRestart' }, () => new Date());
    if (!result?.changed) return false;
    this.log.info({ jobId }, 'paused a job whose runner stopped');
    await this.updateCard(result.job);
    return true;
  }

  private async updateCard(job: Job): Promise<void> {
    if (!job.cardActivityId) return;
    const activity = { id: job.cardActivityId, type: 'message', attachments: [cardAttachment(cardForJob(job))] };
    try {
      await this.adapter.continueConversationAsync(
        this.botAppId,
        job.conversation as Partial<ConversationReference>,
        async (context) => {
          await context.updateActivity(activity);
        },
      );
    } catch (error) {
      this.log.warn({ jobId: job.id, err: error }, 'could not update the card of a paused job');
    }
  }
}
