import type { Harness } from '../../support/harness';

/** What `/healthz` said while traffic ran. */
export interface HealthReport {
  checks: number;
  failures: number;
  slowestMs: number;
}

/** Polls `/healthz` every `everyMs` until stopped (at most `maxMs`): a crashed or wedged server shows up as failures. */
export function pollHealth(h: Harness, everyMs = 250, maxMs = 180_000): { stop(): Promise<HealthReport> } {
  const report: HealthReport = { checks: 0, failures: 0, slowestMs: 0 };
  let running = true;
  const deadline = Date.now() + maxMs;
  const loop = (async () => {
    while (running && Date.now() < deadline) {
      const started = Date.now();
      const ok = await h.healthy();
      report.checks++;
      if (!ok) report.failures++;
      report.slowestMs = Math.max(report.slowestMs, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return report;
    },
  };
}

/** Collects unhandled promise rejections while installed (the bot runs in this process). */
export function watchUnhandled(): { rejections: string[]; uninstall(): void } {
  const rejections: string[] = [];
  const listener = (reason: unknown) =>
    rejections.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
  process.on('unhandledRejection', listener);
  return { rejections, uninstall: () => void process.off('unhandledRejection', listener) };
}
