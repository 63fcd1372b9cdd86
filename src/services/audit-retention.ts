import type { Logger } from 'pino';
import type { AuditLog } from '../storage/audit';

const DAY_MS = 24 * 60 * 60_000;

/** Deletes audit entries older than the retention period, at start and then daily. */
export function startAuditRetention(audit: AuditLog, retentionDays: number, log: Logger): { stop(): void } {
  const purge = async () => {
    try {
      const removed = await audit.purgeOlderThan(new Date(Date.now() - retentionDays * DAY_MS));
      if (removed > 0) log.info({ removed, retentionDays }, 'purged old audit entries');
    } catch (error) {
      log.warn({ err: error }, 'audit purge failed');
    }
  };
  void purge();
  const timer = setInterval(() => void purge(), DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
