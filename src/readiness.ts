import { loadTemplates } from './cards/templates';
import type { Storage } from './storage';

/** Whether the bot can serve: its card templates parse and its storage answers. Check names only, never errors. */
export interface Readiness {
  ready: boolean;
  checks: { templates: 'ok' | 'failed'; storage: 'ok' | 'failed' };
}

// Probes are cached briefly: /readyz is unauthenticated, and a flood of probes must not become a flood of
// storage calls. A probe that hangs counts as failed after the timeout.
const CACHE_MS = 5_000;
const TIMEOUT_MS = 5_000;

/** A readiness probe over `storage`: a read of a key that never exists (blob) and of an audit page (table). */
export function readinessProbe(
  storage: Pick<Storage, 'store' | 'audit'>,
  now: () => number = Date.now,
): () => Promise<Readiness> {
  let last: { at: number; result: Promise<Readiness> } | undefined;
  return () => {
    if (last && now() - last.at < CACHE_MS) return last.result;
    last = { at: now(), result: probe(storage) };
    return last.result;
  };
}

async function probe(storage: Pick<Storage, 'store' | 'audit'>): Promise<Readiness> {
  const templates = safely(() => loadTemplates());
  const reachable = withTimeout(
    Promise.all([storage.store.get('readyz/probe'), storage.audit.recent('readyz', 'readyz', 1)]),
  );
  const checks = { templates: templates ? 'ok' : 'failed', storage: (await reachable) ? 'ok' : 'failed' } as const;
  return { ready: checks.templates === 'ok' && checks.storage === 'ok', checks };
}

function safely(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

async function withTimeout(work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), TIMEOUT_MS)));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
