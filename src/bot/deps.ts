import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import type { UserCredentials } from '../auth/obo';
import type { Config } from '../config';
import type { EntitlementGateway } from '../graph/entitlement';
import type { AuditLog } from '../storage/audit';
import type { JobStore } from '../storage/jobs';
import type { BotStore } from '../storage/store';
import type { Telemetry } from '../telemetry';
import type { BackgroundWork } from './background';
import type { JobLauncher } from './jobs/job-launcher';
import type { SignIn } from './sign-in';

/** Everything the bot is built from; tests and production pass the same shape, differing only in config. */
export interface AppDeps {
  config: Config;
  log: Logger;
  store: BotStore;
  jobs: JobStore;
  audit: AuditLog;
  credentials: UserCredentials;
  /** Interactive calls answer within Teams' budget; bulk jobs may wait longer for Graph. */
  gatewayFor: (credential: TokenCredential, purpose?: 'interactive' | 'bulk') => EntitlementGateway;
  clock: () => Date;
  /** Identifies this bot instance (job leases). */
  instanceId: string;
  /** Where the bot reports what it does (a no-op without Azure Monitor). */
  telemetry?: Telemetry;
}

/** What a handler gets: the app's dependencies, sign-in, the job launcher and background work. */
export interface HandlerDeps extends AppDeps {
  sso: SignIn;
  launcher: JobLauncher;
  background: BackgroundWork;
}
