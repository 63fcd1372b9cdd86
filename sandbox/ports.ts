import { once } from 'node:events';
import * as net from 'node:net';

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Fails with a clear message when `port` is taken (the Playground would silently move to a random one). */
export async function assertPortFree(port: number): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
  } catch {
    throw new Error(`port ${port} is already in use (is another \`npm run sandbox\` running?)`);
  }
  await new Promise((resolve) => server.close(resolve));
}
