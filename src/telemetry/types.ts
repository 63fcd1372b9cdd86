/** What the bot tells an operator; implemented by Azure Monitor when configured, by nothing otherwise. */
export interface Telemetry {
  /** Runs the handling of one incoming activity as a request (its type, and the HTTP status it was answered with). */
  activity<T extends { status: number }>(activity: ActivitySummary, handle: () => Promise<T>): Promise<T>;
  /** Adds facts (command kind, verb, outcome) to the request being handled, if any. Values must be codes, never user text. */
  annotate(facts: Record<string, string>): void;
  /** Runs one Graph call as a dependency (method, route template, status, client-request-id) and times it. */
  graphCall(call: GraphCallSummary, send: () => Promise<Response>): Promise<Response>;
  /** Counts one reprocess attempt's outcome (single, or one item of a bulk job). */
  reprocessOutcome(outcome: { kind: string; mode: string; outcome: string }): void;
  /** Reports how many bulk jobs this instance runs, read at each metric export. */
  observeActiveJobs(read: () => number): void;
  /** Trace and span id of the current request, for log lines; undefined when telemetry is off. */
  logContext?: () => Record<string, string>;
  /** Flushes what is buffered (graceful shutdown). */
  shutdown(): Promise<void>;
}

/** An incoming activity, reduced to values from fixed lists (never text a sender chose). */
export interface ActivitySummary {
  type: string;
  name?: string;
  conversationType?: string;
  tenantId?: string;
}

/** One Graph request as the gateway sends it. */
export interface GraphCallSummary {
  method: string;
  /** The request path (with query) below the version, as the gateway builds it. */
  path: string;
  version: string;
  host: string;
  clientRequestId: string;
}
