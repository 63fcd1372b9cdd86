/** HTTP status of an Azure SDK `RestError` (blob and table SDKs may ship separate copies, so no instanceof). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

/** 409 (already exists) or 412 (condition not met): another writer got there first. */
export function isConflict(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412;
}

/** Runs a conditional write; `undefined` when it lost to another writer, other errors propagate. */
export async function unlessConflict<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (isConflict(error)) return undefined;
    throw error;
  }
}
