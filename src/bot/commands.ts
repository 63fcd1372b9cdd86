import { isGuid, normalizeId } from '../services/ids';

/** Text commands the bot understands, parsed with anchored, case-insensitive patterns. */
export type Command =
  | { kind: 'reprocess'; assignmentId: string }
  | { kind: 'status'; assignmentId: string }
  | { kind: 'reprocessRequest'; requestId: string }
  | { kind: 'bulkIds'; ids: string[]; skipped: string[] }
  | { kind: 'bulkPackage'; accessPackageId: string }
  | { kind: 'bulkPackage'; name: string }
  | { kind: 'history' }
  | { kind: 'help' }
  | { kind: 'signout' };

/** A command whose argument is not a valid id; answered without any network call. */
export interface InvalidArgument {
  kind: 'invalidArgument';
  command: 'reprocess' | 'status' | 'reprocessRequest' | 'bulkPackage';
  input: string;
}

/** Anything else: the help card answers it. */
export interface Unknown {
  kind: 'unknown';
}

export type ParseResult = Command | InvalidArgument | Unknown;

/** A command that runs in Graph as one user, typed or clicked: reprocess, status, reprocess request. */
export type GraphCommand = Extract<Command, { kind: 'reprocess' | 'status' | 'reprocessRequest' }>;

/** The id a Graph command is about (assignment or request). */
export function targetOf(command: GraphCommand): string {
  return command.kind === 'reprocessRequest' ? command.requestId : command.assignmentId;
}

/** Command patterns, anchored (teams-ai string selectors would match substrings; no route matches raw text). */
const Patterns = {
  reprocessRequest: /^\s*reprocess\s+request\b\s*(.*)$/is,
  reprocessPackage: /^\s*reprocess\s+package\b\s*(.*)$/is,
  reprocess: /^\s*reprocess\b\s*(.*)$/is,
  status: /^\s*status\b\s*(.*)$/is,
  help: /^\s*(help|\?)\s*$/i,
  history: /^\s*history\s*$/i,
  signout: /^\s*(sign\s*out|signout|logout|log\s*out)\s*$/i,
} as const;

/** Parses message text, as Teams delivers it, into a {@link ParseResult}: the one parse path of every message. */
export function parseCommand(text: string | undefined): ParseResult {
  const input = normaliseText(text ?? '');
  if (Patterns.help.test(input)) return { kind: 'help' };
  if (Patterns.signout.test(input)) return { kind: 'signout' };
  if (Patterns.history.test(input)) return { kind: 'history' };
  const pkg = Patterns.reprocessPackage.exec(input);
  if (pkg) return packageCommand(pkg[1]);
  const request = Patterns.reprocessRequest.exec(input);
  if (request) return withId(request[1], 'reprocessRequest', (requestId) => ({ kind: 'reprocessRequest', requestId }));
  const status = Patterns.status.exec(input);
  if (status) return withId(status[1], 'status', (assignmentId) => ({ kind: 'status', assignmentId }));
  const reprocess = Patterns.reprocess.exec(input);
  if (reprocess && tokens(reprocess[1]).length > 1) return bulkIds(tokens(reprocess[1]));
  if (reprocess) return withId(reprocess[1], 'reprocess', (assignmentId) => ({ kind: 'reprocess', assignmentId }));
  return { kind: 'unknown' };
}

function withId(
  raw: string | undefined,
  command: InvalidArgument['command'],
  make: (id: string) => Command,
): ParseResult {
  const id = normalizeId(raw ?? '');
  return isGuid(id) ? make(id) : { kind: 'invalidArgument', command, input: id };
}

// An access package by id, or by its display name (anything that is not a GUID); nothing at all is an error.
function packageCommand(raw: string | undefined): ParseResult {
  const arg = (raw ?? '').trim();
  if (arg === '' || isGuid(normalizeId(arg)))
    return withId(arg, 'bulkPackage', (accessPackageId) => ({ kind: 'bulkPackage', accessPackageId }));
  return { kind: 'bulkPackage', name: arg };
}

// Admins paste ids from the portal or a spreadsheet: spaces, commas, semicolons and new lines all separate.
function tokens(raw: string | undefined): string[] {
  return (raw ?? '').split(/[\s,;]+/).filter(Boolean);
}

function bulkIds(parts: string[]): Command {
  const ids = new Set<string>();
  const skipped = new Set<string>();
  for (const part of parts) {
    const id = normalizeId(part);
    if (isGuid(id)) ids.add(id);
    else skipped.add(part);
  }
  return { kind: 'bulkIds', ids: [...ids], skipped: [...skipped] };
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Message text as a person typed it. Teams decorates it (captured payloads: microsoft/teams.net
 * TeamsActivityTests.cs, msteams-docs conversation basics): `<at>Name</at>` for each mention, a trailing `\n` or
 * space, `\r\n`, NBSP (raw or `&nbsp;`), and HTML markup and entities when the message was formatted.
 * Tags go first, then entities are decoded, so text typed as `<b>` (sent as `&lt;b&gt;`) stays text.
 */
// Every pattern stops at the next `<` (or bounds its length), so hostile text is read in linear time.
export function normaliseText(text: string): string {
  return text
    .replace(/<at\b[^<>]*>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>|<\/?(p|div)\b[^<>]*>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{1,8});/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u200b\ufeff]/g, ' ')
    .trim();
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return ENTITIES[name.toLowerCase()];
}
