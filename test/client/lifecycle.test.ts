import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { launchSandbox } from '../../sandbox/launch';
import { REPO_ROOT } from '../../sandbox/playground';
import { assertPortFree } from '../../sandbox/ports';

// A Playground left running would hold its port and keep CI waiting: stop() must leave nothing behind, and the
// Playground must not outlive the process that started it, however that process ends.
const GUARD = path.join(REPO_ROOT, 'sandbox', 'scripts', 'playground-guard.js');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: gone
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (condition()) return true;
  }
  return condition();
}

describe('the sandbox lifecycle', () => {
  it('stop() ends the Playground process and frees the bot and Playground ports', async () => {
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const launched = await launchSandbox({
      botPort: 0,
      playgroundPort: 0,
      logDestination: quiet,
      log: () => undefined,
    });
    const { pid, port } = launched.playground;
    const botPort = Number(new URL(launched.botEndpoint).port);
    expect(isRunning(pid)).toBe(true);
    await launched.stop();
    expect(isRunning(pid)).toBe(false);
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    await expect(assertPortFree(botPort)).resolves.toBeUndefined();
  }, 60_000);

  it('the guarded Playground listens on loopback only and exits when its parent is killed', async () => {
    // A parent that starts a guarded child the way sandbox/playground.ts does, reports it, then waits forever.
    const child = `require('net').createServer().listen(0, function () { process.send(this.address()); })`;
    const parentScript = `
      const c = require('child_process').spawn(process.execPath, ['--require', ${JSON.stringify(GUARD)}, '-e', ${JSON.stringify(child)}], { detached: true, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      c.on('message', (address) => console.log(JSON.stringify({ pid: c.pid, address })));
      setInterval(() => undefined, 60_000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const { pid, address } = JSON.parse(String(line)) as { pid: number; address: { address: string } };
    try {
      expect(address.address).toBe('127.0.0.1');
      parent.kill('SIGKILL');
      expect(await until(() => !isRunning(pid), 5_000)).toBe(true);
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
      parent.kill('SIGKILL');
    }
  }, 30_000);
});
