import type { Telemetry } from './types';

export type { ActivitySummary, GraphCallSummary, Telemetry } from './types';

/** Telemetry that records nothing: the bot without APPLICATIONINSIGHTS_CONNECTION_STRING. */
export const NO_TELEMETRY: Telemetry = {
  activity: (_activity, handle) => handle(),
  annotate: () => undefined,
  graphCall: (_call, send) => send(),
  reprocessOutcome: () => undefined,
  observeActiveJobs: () => undefined,
  shutdown: async () => undefined,
};

/** Azure Monitor when a connection string is configured; otherwise {@link NO_TELEMETRY} and nothing is loaded. */
export async function createTelemetry(connectionString: string | undefined): Promise<Telemetry> {
  if (!connectionString) return NO_TELEMETRY;
  // OpenTelemetry and the exporter cost startup time and memory a bot without telemetry never pays.
  const { startAzureMonitor } = await import('./azure-monitor');
  return startAzureMonitor(connectionString);
}

export { instrumentAudit, instrumentEndpoint, summarizeActivity } from './instrument';
export { routeTemplate } from './route';
