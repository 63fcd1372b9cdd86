import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { oboClientAuth } from './auth/client-credential';
import { UserCredentials } from './auth/obo';
import { createApp } from './bot/app';
import { loadTemplates } from './cards/templates';
import { RESTART_REASON } from './services/job-machine';
import { ConfigError, loadConfig, redactedSummary, type Config } from './config';
import { graphScopes } from './graph/client';
import { GraphEntitlementGateway } from './graph/entitlement';
import { GRAPH_BUDGETS } from './graph/limits';
import { createLogger } from './log';
import { readinessProbe } from './readiness';
import { createServer } from './server';
import { startAuditRetention } from './services/audit-retention';
import { createStorage } from './storage/create';
import { createTelemetry, instrumentAudit, instrumentEndpoint, type Telemetry } from './telemetry';

/** Starts the bot with the given configuration; resolves once it listens. The composition root tests use too. */
/** `host` narrows the listener (the sandbox binds loopback only); production listens on every interface. */
export async function start(
  config: Config,
  options: { logDestination?: DestinationStream; instanceId?: string; host?: string } = {},
) {
  // The logger first: it takes over the console before anything (Node's deferred warnings included) can print.
  const started: { telemetry?: Telemetry } = {};
  const traceIds = config.telemetry.connectionString ? () => started.telemetry?.logContext?.() ?? {} : undefined;
  const log = createLogger(config.logLevel, options.logDestination, traceIds);
  const telemetry = (started.telemetry = await createTelemetry(config.telemetry.connectionString));
  log.info({ config: redactedSummary(config) }, 'starting');
  // A broken template fails startup, not a user's command; and the first card costs no parse time.
  loadTemplates();
  const storage = await createStorage(config.storage, {
    onError: (error) => log.warn({ err: error }, 'storage cleanup failed'),
  });
  const { credential, ...aad } = config.aad;
  const credentials = new UserCredentials(
    { ...aad, clientAuth: oboClientAuth(credential), scopes: graphScopes(config.graph.endpoint) },
    log,
    storage.store,
  );
  const gatewayFor = (
    credential: ConstructorParameters<typeof GraphEntitlementGateway>[0],
    purpose: 'interactive' | 'bulk' = 'interactive',
  ) =>
    new GraphEntitlementGateway(credential, {
      ...config.graph,
      ...GRAPH_BUDGETS[purpose],
      observe: telemetry.graphCall,
    });
  const instanceId = options.instanceId ?? randomUUID();
  const audit = instrumentAudit(storage.audit, telemetry);
  const bot = createApp({
    config,
    log,
    ...storage,
    audit,
    credentials,
    gatewayFor,
    clock: () => new Date(),
    instanceId,
    telemetry,
  });
  telemetry.observeActiveJobs(() => bot.launcher.activeJobs);
  const server = createServer(instrumentEndpoint(bot.endpoint, telemetry), log, readinessProbe(storage));
  await new Promise<void>((resolve) =>
    options.host ? server.listen(config.port, options.host, resolve) : server.listen(config.port, resolve),
  );
  bot.recovery.start();
  const retention = startAuditRetention(storage.audit, config.auditRetentionDays, log);
  log.info({ address: server.address(), instanceId }, 'listening');
  const stop = async () => {
    server.close();
    bot.recovery.stop();
    retention.stop();
    credentials.close();
    bot.launcher.pauseAll(RESTART_REASON);
    await bot.background.drain();
    await storage.close();
    log.info('stopped');
    await telemetry.shutdown();
  };
  return { server, stop, log, storage };
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
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => void stop().then(() => process.exit(0)));
  });
}
