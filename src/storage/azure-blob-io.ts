import type { BlobRequestConditions, BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { statusOf, unlessConflict } from './azure-errors';

/** A JSON blob's content and the etag it was read at. */
export interface BlobRead<T> {
  body: T;
  etag: string;
}

/** Downloads and parses a JSON blob in one request, so body and etag belong together; undefined if absent. */
export async function readJson<T>(blob: BlockBlobClient): Promise<BlobRead<T> | undefined> {
  try {
    const response = await blob.download();
    const chunks: Buffer[] = [];
    for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer));
    return { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T, etag: response.etag ?? '' };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Uploads `body` as JSON under `conditions`; the new etag, or undefined when the condition failed (409/412). */
export async function writeJson(
  blob: BlockBlobClient,
  body: unknown,
  conditions: BlobRequestConditions = {},
  metadata: Record<string, string> = {},
): Promise<string | undefined> {
  const json = JSON.stringify(body);
  const headers = { blobContentType: 'application/json' };
  const write = () => blob.upload(json, Buffer.byteLength(json), { conditions, metadata, blobHTTPHeaders: headers });
  return unlessConflict(async () => (await write()).etag ?? '');
}

/** Deletes the blob if it is still at `etag`; false when it changed or vanished meanwhile. */
export async function deleteAt(blob: BlockBlobClient, etag: string): Promise<boolean> {
  try {
    await blob.delete({ conditions: { ifMatch: etag } });
    return true;
  } catch (error) {
    // Azurite answers 412 for a conditional delete of a missing blob, Azure 404: both mean "not ours to delete".
    if (statusOf(error) === 404 || statusOf(error) === 412) return false;
    throw error;
  }
}

/**
 * Deletes the blobs under `prefix` whose `expiresat` metadata is past, deciding from the listing alone; returns how
 * many. Each is deleted at its listed etag only: a blob re-written since the listing has a new expiry and stays.
 */
export async function sweepExpired(container: ContainerClient, prefix: string, now: number): Promise<number> {
  let removed = 0;
  for await (const item of container.listBlobsFlat({ prefix, includeMetadata: true })) {
    if (Number(item.metadata?.['expiresat'] ?? Infinity) > now || !item.properties.etag) continue;
    if (await deleteAt(container.getBlockBlobClient(item.name), item.properties.etag)) removed++;
  }
  return removed;
}
