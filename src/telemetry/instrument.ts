import type { AuditLog } from '../storage/audit';
import type { ActivitySummary, Telemetry } from './types';

/** What the HTTP layer calls; the same shape as the bot's endpoint (kept structural so telemetry needs no bot import). */
interface Endpoint {
  handle(body: unknown, authorization: string | undefined): Promise<{ status: number; body?: unknown }>;
}

// Only values from these lists reach telemetry: an activity's fields are chosen by whoever sent it.
const TYPES = new Set([
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'event',
  'typing',
]);
const INVOKES = new Set([
  'signin/tokenExchange',
  'signin/verifyState',
  'signin/failure',
  'adaptiveCard/action',
  'task/fetch',
  'task/submit',
]);
const CONVERSATIONS = new Set(['personal', 'groupChat', 'channel']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The loggable facts of an activity body: type, invoke name, conversation type, tenant id; anything else is `other`. */
export function summarizeActivity(body: unknown): ActivitySummary {
  const activity = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const conversation = (
    typeof activity['conversation'] === 'object' && activity['conversation'] !== null ? activity['conversation'] : {}
  ) as Record<string, unknown>;
  const pick = (value: unknown, allowed: Set<string>) =>
    typeof value === 'string' && allowed.has(value) ? value : 'other';
  const type = pick(activity['type'], TYPES);
  const tenant = conversation['tenantId'];
  return {
    type,
    ...(type === 'invoke' ? { name: pick(activity['name'], INVOKES) } : {}),
    ...(conversation['conversationType'] !== undefined
      ? { conversationType: pick(conversation['conversationType'], CONVERSATIONS) }
      : {}),
    ...(typeof tenant === 'string' && GUID.test(tenant) ? { tenantId: tenant.toLowerCase() } : {}),
  };
}

/** The endpoint, with each activity handled as one request in telemetry. */
export function instrumentEndpoint(endpoint: Endpoint, telemetry: Telemetry): Endpoint {
  return {
    handle: (body, authorization) =>
      telemetry.activity(summarizeActivity(body), () => endpoint.handle(body, authorization)),
  };
}

/** The audit log, counting every reprocess outcome as it is recorded (single attempts and bulk items alike). */
export function instrumentAudit(audit: AuditLog, telemetry: Telemetry): AuditLog {
  return {
    record: (entry) => {
      telemetry.reprocessOutcome({ kind: entry.kind, mode: entry.mode, outcome: entry.outcome });
      return audit.record(entry);
    },
    recordJob: (job) => audit.recordJob(job),
    recent: (tenantId, aadObjectId, limit) => audit.recent(tenantId, aadObjectId, limit),
    history: (tenantId, aadObjectId, limit) => audit.history(tenantId, aadObjectId, limit),
    purgeOlderThan: (before) => audit.purgeOlderThan(before),
  };
}
