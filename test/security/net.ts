import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createGzip } from 'node:zlib';

/** Resident and peak resident memory of a process, in bytes (Linux `/proc/<pid>/status`). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** A gzip stream of `megabytes` MB of zeros: a few hundred KB on the wire, hundreds of MB once inflated. */
export async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.once('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++)
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

/** One raw HTTP/1.1 connection: what the server sent, and when it closed (ms after opening). */
export interface RawConnection {
  socket: Socket;
  received(): string;
  closedAfterMs(): number | undefined;
  closed: Promise<number>;
}

/** Opens a TCP connection to `url`'s host and port and writes `head` (request line and headers, maybe partial). */
export function openRaw(url: string, head: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const opened = Date.now();
    let data = '';
    let closedAt: number | undefined;
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(head);
      resolve({ socket, received: () => data, closedAfterMs: () => closedAt, closed });
    });
    const closed = new Promise<number>((done) => socket.once('close', () => done((closedAt = Date.now() - opened))));
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.once('error', (error) => (closedAt === undefined && data === '' ? reject(error) : undefined));
  });
}

/** Writes `byte` to the socket every `everyMs` until it closes: a client that never finishes its request. */
export function trickle(connection: RawConnection, byte: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (connection.socket.destroyed || connection.socket.writableEnded) clearInterval(timer);
    else connection.socket.write(byte);
  }, everyMs);
  void connection.closed.then(() => clearInterval(timer));
}
