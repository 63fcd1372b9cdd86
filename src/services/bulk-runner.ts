import type { Logger } from 'pino';
import type { EntitlementGateway } from '../graph/entitlement';
import type { FailedCall } from './failures';
import { BATCH_SIZE, type BatchItemResult } from '../graph/bulk';
import type { AuditLog } from '../storage/audit';
import type { Job, JobItem, JobStore } from '../storage/jobs';
import { JobWriter } from './job-writer';
import { SendPacer } from './send-pacer';
import { isThrottled } from '../graph/limits';
import { recordJobRow } from './history';
import { RESTART_REASON } from './job-machine';
import { bulkItemEntry } from './audit-record';

/** What a runner needs besides the job: storage, audit, and who it is (lease holder). */
export interface RunnerDeps {
  jobs: JobStore;
  audit: AuditLog;
  log: Logger;
  /** This bot instance's id; a job runs on one instance at a time. */
  holder: string;
  /** `$batch` requests in flight at once. */
  concurrency: number;
  leaseMs: number;
  conversationType: string;
  /** Called after each persisted step; the caller throttles card updates. */
  onProgress: (job: Job) => Promise<void>;
}

/** Why a run ended. */
export type RunEnd = 'completed' | 'stopped' | 'paused' | 'leaseHeld' | 'signInExpired' | 'notRunning';

const SIGN_IN_EXPIRED = 'Your sign-in expired during the job. Resume to continue as you.';
const MAX_THROTTLED_ATTEMPTS = 10;
const MAX_FAILED_ATTEMPTS = 3;
const RETRYABLE = new Set([0, 500, 502, 504]);

/**
 * Runs a confirmed bulk job: `$batch` requests of 20 with bounded concurrency, paced once Graph throttles; a
 * throttled item waits for its own Retry-After; other failures are recorded per item. Items are marked in flight
 * (and persisted) before their POST, so after a crash nothing that succeeded is sent again and nothing is lost.
 */
export class BulkRunner {
  private readonly notBefore = new Map<string, number>();
  private readonly pacer = new SendPacer();
  private end?: RunEnd;
  private pausedReason?: string;

  constructor(
    private readonly gateway: EntitlementGateway,
    private readonly deps: RunnerDeps,
  ) {}

  async run(jobId: string): Promise<RunEnd> {
    const writer = await JobWriter.acquire(this.deps.jobs, jobId, this.deps.holder, this.deps.leaseMs);
    if (writer === 'notRunning' || writer === 'leaseHeld') return writer;
    const workers = Array.from({ length: this.deps.concurrency }, () => this.work(writer));
    try {
      await Promise.all(workers);
      // A worker's results are written with its next batch's in-flight marks; the last ones have no next batch.
      await writer.flush();
      // Inside the lease: reading states may wait on pacing, and the lease must stay renewed meanwhile.
      if (!this.end) await this.explainRefusals(writer);
    } finally {
      writer.close();
    }
    const end = this.end ?? 'completed';
    if (end === 'completed') await writer.finish({ kind: 'finish' });
    if (end === 'signInExpired') await writer.finish({ kind: 'pause', reason: SIGN_IN_EXPIRED });
    if (end === 'paused') await writer.finish({ kind: 'pause', reason: this.pausedReason ?? RESTART_REASON });
    // A run that ended here (finished, paused, stopped by its owner) gets its one history row — before the card
    // says it ended, so `history` asked after that card lists it; a run that lost its lease leaves the row to the
    // instance that holds the job now.
    if (writer.job.state !== 'running') await recordJobRow(this.deps.audit, writer.job);
    await this.deps.onProgress(writer.job);
    return end;
  }

  /**
   * Graph answers 400 to a reprocess of an assignment that is not Delivered. Once every item was sent, the state of
   * the items refused that way is read (`$batch` GETs of 20, only those items, paced like the sends) so the summary
   * says "Not eligible: Delivering"; an unreadable state leaves the item "Refused".
   */
  private async explainRefusals(writer: JobWriter): Promise<void> {
    const refused = writer.job.items.filter((i) => i.status === 'failed' && i.httpStatus === 400 && !i.state);
    for (let start = 0; start < refused.length && !this.end; start += BATCH_SIZE) {
      const chunk = refused.slice(start, start + BATCH_SIZE);
      const wait = this.pacer.reserve(chunk.length);
      if (wait > 0) await sleep(wait);
      const read = await this.gateway.readAssignmentStates(chunk.map((i) => i.id));
      if (!read.ok) return;
      this.pacer.observe(read.value.map((r) => r.status));
      const states = new Map(read.value.map((r) => [r.id, r.state]));
      for (const item of chunk) item.state = states.get(item.id) ?? item.state;
      if (!(await writer.flush())) return this.stop('stopped');
    }
  }

  private async work(writer: JobWriter): Promise<void> {
    while (!this.end) {
      const batch = this.takeReady(writer.job);
      if (batch.length === 0) {
        const wait = this.nextWait(writer.job);
        if (wait === undefined) return;
        await sleep(wait);
        continue;
      }
      for (const item of batch) item.status = 'inflight';
      // One write persists these in-flight marks and every result applied since the previous write.
      if (!(await writer.flush())) {
        // Cancelled or taken over before the POST: these were never sent.
        for (const item of batch) item.status = 'pending';
        return this.stop('stopped');
      }
      await this.deps.onProgress(writer.job);
      const wait = this.pacer.reserve(batch.length);
      if (wait > 0) await sleep(wait);
      if (this.end) return void batch.forEach((item) => (item.status = 'pending'));
      await this.send(writer, batch);
    }
  }

  private async send(writer: JobWriter, batch: JobItem[]): Promise<void> {
    const result = await this.gateway.reprocessBatch(batch.map((i) => i.id));
    if (!result.ok && (result.auth || result.failure.status === 401)) {
      for (const item of batch) item.status = 'pending';
      return this.stop('signInExpired');
    }
    // A whole-batch failure is every item's: each keeps the call's status, Retry-After and correlation ids.
    const results = result.ok ? result.value : batch.map((i) => batchFailed(i.id, result));
    // The pacer learns from Graph's own answers only: each item's status, or a whole batch Graph throttled.
    // A connection that failed or timed out says nothing about the rate Graph serves.
    if (result.ok || isThrottled(result.failure.status)) this.pacer.observe(results.map((r) => r.status));
    await this.apply(writer, batch, results);
  }

  private takeReady(job: Job): JobItem[] {
    const now = Date.now();
    const ready: JobItem[] = [];
    for (const item of job.items) {
      if (item.status === 'pending' && (this.notBefore.get(item.id) ?? 0) <= now) ready.push(item);
      if (ready.length === BATCH_SIZE) break;
    }
    return ready;
  }

  /** How long until a throttled item is ready; undefined when nothing is left to do or in flight. */
  private nextWait(job: Job): number | undefined {
    if (job.items.some((i) => i.status === 'inflight')) return 50;
    const waits = job.items
      .filter((i) => i.status === 'pending')
      .map((i) => (this.notBefore.get(i.id) ?? 0) - Date.now());
    return waits.length === 0 ? undefined : Math.max(10, Math.min(...waits));
  }

  private async apply(writer: JobWriter, batch: JobItem[], results: BatchItemResult[]): Promise<void> {
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const item of batch) {
      const r = byId.get(item.id) ?? failedCall(item.id, 0, 'MissingResult');
      item.attempts += 1;
      Object.assign(item, {
        httpStatus: r.status,
        code: r.code,
        requestId: r.requestId,
        clientRequestId: r.clientRequestId,
      });
      if (r.status === 202 || r.status === 200 || r.status === 204) item.status = 'succeeded';
      else if (this.retry(item, r)) item.status = 'pending';
      else item.status = 'failed';
    }
    // Audit entries are independent (one id per item and attempt): write them together, not one round trip each.
    const done = batch.filter((i) => i.status !== 'pending');
    await Promise.all(
      done.map((item) => this.deps.audit.record(bulkItemEntry(writer.job, item, this.deps.conversationType))),
    );
  }

  private retry(item: JobItem, r: BatchItemResult): boolean {
    if (isThrottled(r.status)) {
      this.notBefore.set(item.id, Date.now() + (r.retryAfterSeconds ?? 1) * 1000);
      return item.attempts < MAX_THROTTLED_ATTEMPTS;
    }
    if (!RETRYABLE.has(r.status)) return false;
    this.notBefore.set(item.id, Date.now() + 500 * 2 ** item.attempts);
    return item.attempts < MAX_FAILED_ATTEMPTS;
  }

  /** Asks the run to stop after the batches in flight and leave the job paused (e.g. graceful shutdown). */
  pause(reason: string): void {
    this.pausedReason = reason;
    this.stop('paused');
  }

  private stop(end: RunEnd): void {
    this.end ??= end;
  }
}

function failedCall(id: string, status: number, code: string): BatchItemResult {
  return { id, status, code, clientRequestId: '' };
}

function batchFailed(id: string, result: FailedCall): BatchItemResult {
  const { failure, ids } = result;
  return {
    id,
    status: failure.status,
    code: failure.code,
    retryAfterSeconds: failure.retryAfterSeconds,
    requestId: ids.requestId,
    clientRequestId: ids.clientRequestId,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
