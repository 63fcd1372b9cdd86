import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { EntitlementGateway } from '../../graph/entitlement';
import { BulkRunner } from '../../services/bulk-runner';
import type { AuditLog } from '../../storage/audit';
import type { Job, JobStore } from '../../storage/jobs';
import type { BackgroundWork } from '../background';
import { cardAttachment } from '../turn';
import { cardForJob } from './job-card';

/** What starting a job needs. */
export interface LauncherDeps {
  jobs: JobStore;
  audit: AuditLog;
  log: Logger;
  background: BackgroundWork;
  gatewayFor: (credential: TokenCredential, purpose: 'bulk') => EntitlementGateway;
  instanceId: string;
}

// Teams rate-limits message updates; an admin watching progress needs no more than one every two seconds.
const CARD_UPDATE_INTERVAL_MS = 2_000;
// Short enough that a crashed instance's job is paused within seconds; renewed every third of it.
const LEASE_MS = 15_000;
const CONCURRENCY = 4;

/**
 * Starts bulk jobs in the background (Teams never waits on them) and keeps each job's card up to date in place.
 * Tracks running jobs so a graceful shutdown can pause them, to be resumed by their owner.
 */
export class JobLauncher {
  private readonly running = new Map<string, BulkRunner>();

  constructor(private readonly deps: LauncherDeps) {}

  start(context: TurnContext, jobId: string, credential: TokenCredential, conversationType: string): void {
    this.deps.background.start(context, `job ${jobId}`, async (ctx) => {
      const runner = new BulkRunner(this.deps.gatewayFor(credential, 'bulk'), {
        ...this.deps,
        holder: this.deps.instanceId,
        concurrency: CONCURRENCY,
        leaseMs: LEASE_MS,
        conversationType,
        onProgress: throttledCardUpdate(ctx, this.deps.log),
      });
      this.running.set(jobId, runner);
      try {
        const end = await runner.run(jobId);
        this.deps.log.info({ jobId, end }, 'bulk job run ended');
      } finally {
        this.running.delete(jobId);
      }
    });
  }

  /** How many jobs this instance is running now. */
  get activeJobs(): number {
    return this.running.size;
  }

  /** Pauses every job this instance runs (graceful shutdown); their owners resume them from the card. */
  pauseAll(reason: string): void {
    for (const runner of this.running.values()) runner.pause(reason);
  }
}

/** Updates the job's card at most every two seconds, and always when the job leaves the running state. */
export function throttledCardUpdate(context: TurnContext, log: Logger): (job: Job) => Promise<void> {
  let last = 0;
  return async (job) => {
    const now = Date.now();
    if (!job.cardActivityId || (job.state === 'running' && now - last < CARD_UPDATE_INTERVAL_MS)) return;
    last = now;
    try {
      await context.updateActivity({
        id: job.cardActivityId,
        type: 'message',
        attachments: [cardAttachment(cardForJob(job))],
      });
    } catch (error) {
      // A failed card update must not fail the job; the next update (or the summary) carries the state.
      log.warn({ jobId: job.id, err: error }, 'job card update failed');
    }
  };
}
