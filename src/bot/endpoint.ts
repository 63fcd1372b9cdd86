import type { Activity, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import type { AuthenticatedTeamsAdapter } from './adapter';
import type { Logger } from 'pino';

/** What the HTTP layer needs from the bot: one activity in, one HTTP answer out. */
export interface BotEndpoint {
  handle(body: unknown, authorization: string | undefined): Promise<{ status: number; body?: unknown }>;
}

/** Tenant of a Teams activity (conversation first, then channelData). */
export function activityTenant(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

/**
 * Authenticates the channel's JWT, refuses foreign tenants, then runs the bot. Any authentication failure —
 * missing, forged, unsigned, expired, wrong audience or issuer — is a 401, including the jsonwebtoken errors
 * botbuilder's own `process()` would turn into 500s. Nothing of the bot runs before both checks pass.
 */
export class ChannelEndpoint implements BotEndpoint {
  constructor(
    private readonly adapter: AuthenticatedTeamsAdapter,
    private readonly authentication: ConfigurationBotFrameworkAuthentication,
    private readonly allowedTenants: readonly string[],
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly log: Logger,
  ) {}

  async handle(body: unknown, authorization: string | undefined): Promise<{ status: number; body?: unknown }> {
    const activity = asActivity(body);
    if (!activity) return { status: 400, body: { error: 'BadRequest', message: 'Body is not a Bot Framework activity.' } };
    let auth;
    try {
      auth = await this.authentication.authenticateRequest(activity, authorization ?? '');
    } catch (error) {
      this.log.warn({ reason: error instanceof Error ? error.name : 'unknown', activityType: activity.type }, 'channel request refused');
      return { status: 401, body: { error: 'Unauthorized' } };
    }
    const tenant = activityTenant(activity);
    if (!tenant || !this.allowedTenants.includes(tenant)) {
      this.log.warn({ tenant, activityType: activity.type }, 'activity from a tenant that is not allowed');
      return { status: 403, body: { error: 'Forbidden', message: 'Reprocess is not available to your organization.' } };
    }
    const invoke = await this.adapter.runAuthenticated(auth, activity, this.logic);
    return { status: invoke?.status ?? 200, body: invoke?.body };
  }
}

function asActivity(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const candidate = body as Partial<Activity>;
  if (typeof candidate.type !== 'string' || candidate.type === '') return undefined;
  if (typeof candidate.serviceUrl !== 'string' || typeof candidate.conversation?.id !== 'string') return undefined;
  return candidate as Activity;
}
