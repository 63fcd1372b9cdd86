'use strict';
// Preloaded (`node --require`) into the Agents Playground CLI by sandbox/playground.ts, which cannot be configured
// for either of these:
// 1. Loopback only: the CLI calls `server.listen(port, cb)`, i.e. every interface; a local test client that
//    drives a bot without authentication must not be reachable from the network.
// 2. No orphans: the parent holds an IPC channel to this process; when the parent goes away for any reason
//    (Ctrl-C, a crashed jest worker, SIGKILL) the channel closes and the Playground exits with it.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const portOnly = typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function');
  return listen.apply(this, portOnly ? [args[0], '127.0.0.1', ...args.slice(1)] : args);
};

if (typeof process.send === 'function') {
  process.on('disconnect', () => process.exit(0));
}
