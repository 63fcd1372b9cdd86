import type { Activity, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import { TEAMS_CHANNEL, type AuthenticatedCloudAdapter } from './adapter';
import type { Logger } from 'pino';
import { z } from 'zod';
import { forLog } from '../log';

/** What the HTTP layer needs from the bot: one activity in, one HTTP answer out. */
export interface BotEndpoint {
  handle(body: unknown, authorization: string | undefined): Promise<{ status: number; body?: unknown }>;
}

/** Tenant of a Teams activity: `conversation.tenantId`, which Teams always sends (the endpoint refuses activities without it). */
export function activityTenant(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId;
}

/**
 * Refuses every channel but Teams, authenticates the channel's JWT, refuses foreign tenants, then runs the bot.
 * Any authentication failure — missing, forged, unsigned, expired, wrong audience or issuer — is a 401, including
 * the jsonwebtoken errors botbuilder's own `process()` would turn into 500s. Nothing of the bot runs before all
 * checks pass.
 */
export class ChannelEndpoint implements BotEndpoint {
  constructor(
    private readonly adapter: AuthenticatedCloudAdapter,
    private readonly authentication: ConfigurationBotFrameworkAuthentication,
    private readonly allowedTenants: readonly string[],
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly log: Logger,
  ) {}

  async handle(body: unknown, authorization: string | undefined): Promise<{ status: number; body?: unknown }> {
    const activity = addressed(body);
    if (!activity) return BAD_REQUEST;
    // Before authentication: botbuilder picks its token validator from `channelId` (`AseChannel` selects one that
    // fetches Microsoft's emulator metadata), so a body must not get to choose.
    if (activity.channelId !== TEAMS_CHANNEL) {
      this.log.warn(
        { channelId: forLog(activity.channelId), activityType: forLog(activity.type) },
        'activity from a channel other than Teams refused',
      );
      return { status: 403, body: { error: 'Forbidden', message: 'Reprocess works in Microsoft Teams only.' } };
    }
    let auth;
    try {
      auth = await this.authentication.authenticateRequest(activity, authorization ?? '');
    } catch (error) {
      this.log.warn(
        { reason: error instanceof Error ? error.name : 'unknown', activityType: forLog(activity.type) },
        'channel request refused',
      );
      return { status: 401, body: { error: 'Unauthorized' } };
    }
    const tenant = trustedTenant(activity);
    if (!tenant || !this.allowedTenants.includes(tenant)) {
      this.log.warn(
        { tenant: forLog(activity.conversation.tenantId), activityType: forLog(activity.type) },
        'activity from a tenant that is not allowed',
      );
      return { status: 403, body: { error: 'Forbidden', message: 'Reprocess is not available to your organization.' } };
    }
    // Only an authenticated sender learns that its activity is malformed; nothing of the bot sees it.
    if (!asActivity(activity)) return BAD_REQUEST;
    const invoke = await this.adapter.runAuthenticated(auth, activity, this.logic);
    return { status: invoke?.status ?? 200, body: invoke?.body };
  }
}

// What the bot and botbuilder read from an activity, as the Bot Framework defines it; anything else passes
// through untouched. Ids are bounded: they end up in storage keys and logs.
// A lone surrogate cannot be put in a URL: the connector's reply path would throw on such an id.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const id = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !LONE_SURROGATE.test(text), 'not well-formed Unicode');
const account = z
  .object({ id: id(512).pipe(z.string().min(1)), name: z.string().optional(), aadObjectId: id(64).optional() })
  .passthrough();
const ActivityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: id(256).optional(),
    serviceUrl: z.string().url().max(2048),
    channelId: z.string().max(64).optional(),
    conversation: z
      .object({
        id: id(512).pipe(z.string().min(1)),
        conversationType: z.string().max(64).optional(),
        tenantId: z.string().max(64).optional(),
      })
      .passthrough(),
    from: account,
    recipient: account,
    text: z.string().optional(),
    locale: z.string().max(64).optional(),
    replyToId: id(256).optional(),
    timestamp: z.string().datetime({ offset: true }).optional(),
    entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
    attachments: z.array(z.object({ contentType: z.string() }).passthrough()).optional(),
    channelData: z.object({}).passthrough().optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
  })
  .passthrough();

const BAD_REQUEST = {
  status: 400,
  body: { error: 'BadRequest', message: 'Body is not a Bot Framework activity.' },
} as const;

/** `conversation.tenantId`, unless channelData names another tenant: then the activity is not trusted at all. */
function trustedTenant(activity: Activity): string | undefined {
  const tenant = activityTenant(activity);
  const claimed = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return claimed === undefined || claimed === tenant ? tenant : undefined;
}

/** Enough of an activity to authenticate it (where it came from); its full shape is checked after that. */
function addressed(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const candidate = body as Partial<Activity>;
  if (typeof candidate.type !== 'string' || candidate.type === '') return undefined;
  if (typeof candidate.serviceUrl !== 'string' || typeof candidate.conversation?.id !== 'string') return undefined;
  return candidate as Activity;
}

/** The body as an activity when it has the shape of one; undefined (answered 400) otherwise. */
export function asActivity(body: unknown): Activity | undefined {
  const parsed = ActivityShape.safeParse(body);
  return parsed.success ? (parsed.data as unknown as Activity) : undefined;
}
