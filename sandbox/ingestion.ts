import { randomUUID } from 'node:crypto';
import { startHttpsServer } from './https';
import { Recorder } from './recorder';
import type { SandboxRequest, SandboxResponse } from './router';

// Application Insights ingestion ("Breeze"), as @azure/monitor-opentelemetry-exporter speaks it (its generated
// client: generated/api/operations.js and generated/models/models.js, v1.0.0-beta.42):
// - `POST {IngestionEndpoint}v2.1/track`, `Content-Type: application/json`, body = a JSON array of telemetry
//   envelopes, each with `name`, `time`, `iKey`, `tags` and `data: { baseType, baseData }`;
// - answer `{ itemsReceived, itemsAccepted, errors: [{ index, statusCode, message }] }`: 200 when all are accepted,
//   206 when some are not, 400 when none is.
// The pinned exporter never compresses its body (no gzip anywhere in its source), so an encoded body is refused
// rather than guessed at; so is anything that is not an array of envelopes.

/** One telemetry envelope as the exporter sends it. */
export interface Envelope {
  name: string;
  time: string;
  iKey: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
  [key: string]: unknown;
}

/** A running ingestion endpoint and the connection string that points the exporter at it. */
export interface Ingestion {
  connectionString: string;
  envelopes: Envelope[];
  waitFor(predicate: (envelope: Envelope) => boolean, timeoutMs?: number): Promise<Envelope>;
  close(): Promise<void>;
}

/** Starts the ingestion endpoint for one (random) instrumentation key. */
export async function startIngestion(): Promise<Ingestion> {
  const iKey = randomUUID();
  const recorder = new Recorder<Envelope>((e) => `${e.name} ${String(e.data?.baseData?.['name'] ?? '')}`);
  const server = await startHttpsServer(async (req) => track(req, iKey, recorder));
  // The exporter appends `v2.1/track` to IngestionEndpoint; the trailing slash is how the portal writes it.
  const connectionString = `InstrumentationKey=${iKey};IngestionEndpoint=${server.url}/;LiveEndpoint=${server.url}/`;
  return {
    connectionString,
    envelopes: recorder.items,
    waitFor: (p, t) => recorder.waitFor(p, t),
    close: () => server.close(),
  };
}

function track(req: SandboxRequest, iKey: string, recorder: Recorder<Envelope>): SandboxResponse {
  if (req.method !== 'POST' || !/^\/+v2(\.1)?\/track$/.test(req.path))
    return { status: 404, body: { error: `No route ${req.method} ${req.path}` } };
  if (req.headers['content-encoding'])
    return { status: 415, body: { error: 'Content-Encoding is not accepted by this emulator' } };
  if (!Array.isArray(req.body))
    return {
      status: 400,
      body: {
        itemsReceived: 0,
        itemsAccepted: 0,
        errors: [{ index: 0, statusCode: 400, message: 'Body must be a JSON array of envelopes' }],
      },
    };
  const errors: { index: number; statusCode: number; message: string }[] = [];
  (req.body as unknown[]).forEach((item, index) => {
    const problem = envelopeProblem(item, iKey);
    if (problem) errors.push({ index, statusCode: 400, message: problem });
    else recorder.push(item as Envelope);
  });
  const received = req.body.length;
  const status = errors.length === 0 ? 200 : errors.length === received ? 400 : 206;
  return { status, body: { itemsReceived: received, itemsAccepted: received - errors.length, errors } };
}

function envelopeProblem(item: unknown, iKey: string): string | undefined {
  if (typeof item !== 'object' || item === null) return 'Envelope is not an object';
  const envelope = item as Partial<Envelope>;
  if (typeof envelope.name !== 'string' || typeof envelope.time !== 'string') return 'Field name and time are required';
  if (envelope.iKey !== iKey) return 'Invalid instrumentation key';
  if (typeof envelope.data?.baseType !== 'string') return 'Field data.baseType is required';
  return undefined;
}
