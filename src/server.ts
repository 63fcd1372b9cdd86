import * as restify from 'restify';
import type { Logger } from 'pino';
import type { BotEndpoint } from './bot/endpoint';
import type { Readiness } from './readiness';

/** HTTP surface: `POST /api/messages` (Bot Framework), `GET /healthz`, `GET /readyz`. Framework-agnostic: the bot is a {@link BotEndpoint}. */
export function createServer(endpoint: BotEndpoint, log: Logger, readiness?: () => Promise<Readiness>): restify.Server {
  const server = restify.createServer({ name: 'reprocess-bot', handleUncaughtExceptions: false });
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
    log.warn({ path: req.path(), method: req.method, status: typeof status === 'number' ? status : res.statusCode, reason: err.name }, 'request rejected');
    next();
  });
  return server;
}
