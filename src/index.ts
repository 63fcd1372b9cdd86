import { UserCredentials } from './auth/obo';
import { createApp } from './bot/app';
import { ConfigError, loadConfig, redactedSummary, type Config } from './config';
import { GraphEntitlementGateway } from './graph/entitlement';
import { graphScopes } from './graph/client';
import { createLogger } from './log';
import type { DestinationStream } from 'pino';
import { createServer } from './server';
import { MemoryStore } from './storage/memory';

// Teams waits ~10 s for an answer; Graph work (retries included) must fit well inside it.
const INTERACTIVE_GRAPH_BUDGET_MS = 8_000;

/** Starts the bot with the given configuration; resolves once it listens. The composition root tests use too. */
export async function start(config: Config, options: { logDestination?: DestinationStream } = {}) {
  const log = createLogger(config.logLevel, options.logDestination);
  log.info({ config: redactedSummary(config) }, 'starting');
  const { aad, graph } = config;
  const credentials = new UserCredentials({ ...aad, scopes: graphScopes(graph.endpoint) }, log);
  const settings = { ...graph, budgetMs: INTERACTIVE_GRAPH_BUDGET_MS };
  const deps = { config, log, store: new MemoryStore(), credentials, clock: () => new Date() };
  const bot = createApp({ ...deps, gatewayFor: (credential) => new GraphEntitlementGateway(credential, settings) });
  const server = createServer(bot.endpoint, log);
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  log.info({ address: server.address() }, 'listening');
  const stop = async () => {
    server.close();
    await bot.background.drain();
    log.info('stopped');
  };
  return { server, stop, log };
}

if (require.main === module) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  void start(config).then(({ stop }) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
  });
}
