import * as restify from 'restify';
import type { Logger } from 'pino';
import type { BotEndpoint } from './bot/endpoint';
import { forLog } from './log';
import type { Readiness } from './readiness';

// Teams posts a small JSON activity in one go; a client still sending headers or body after this long is only
// holding a socket (Node's defaults keep it 300 s).
const REQUEST_TIMEOUT_MS = 15_000;
// How often Node checks that deadline; its default (30 s) would let a slow client live up to 45 s.
const TIMEOUT_CHECK_MS = 1_000;

/** HTTP surface: `POST /api/messages` (Bot Framework), `GET /healthz`, `GET /readyz`. Framework-agnostic: the bot is a {@link BotEndpoint}. */
export function createServer(endpoint: BotEndpoint, log: Logger, readiness?: () => Promise<Readiness>): restify.Server {
  const server = restify.createServer({ name: 'reprocess-bot', handleUncaughtExceptions: false });
  // Node reads these deadlines from its server when it starts listening (and at each check), so setting them on
  // the server restify created is enough.
  Object.assign(server.server, {
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_MS,
  });
  // Teams never compresses what it posts. restify would inflate gzip without a cap (its size limit counts the
  // compressed bytes), so any Content-Encoding is refused from the headers, before a byte of the body is read.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (req.headers['content-encoding'] === undefined) return next();
    log.warn(
      { path: forLog(req.path()), contentEncoding: forLog(req.headers['content-encoding']) },
      'compressed request refused',
    );
    res.send(415, { error: 'UnsupportedMediaType', message: 'Request bodies must not be compressed.' });
    return next(false);
  });
  // 256 KB is far above any Teams activity; larger bodies are refused before parsing.
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    try {
      const result = await endpoint.handle(req.body, req.header('authorization'));
      res.status(result.status);
      if (result.body !== undefined) res.json(result.body);
      res.end();
    } catch (error) {
      log.error({ err: error }, 'unhandled error while processing an activity');
      res.status(500);
      res.json({ error: 'InternalServerError' });
      res.end();
    }
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json({ status: 'ok' });
  });

  // Liveness (/healthz) says the process answers; readiness says it can serve (templates, storage reachable).
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const state = readiness ? await readiness() : { ready: true, checks: {} };
    res.status(state.ready ? 200 : 503);
    res.json({ status: state.ready ? 'ready' : 'not ready', checks: state.checks });
  });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error, next: () => void) => {
    // The response's status is set from the error after this event; the error carries it.
    const status = (err as { statusCode?: unknown }).statusCode;
    log.warn(
      {
        path: forLog(req.path()),
        method: req.method,
        status: typeof status === 'number' ? status : res.statusCode,
        reason: err.name,
      },
      'request rejected',
    );
    next();
  });
  return server;
}
