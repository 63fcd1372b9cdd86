import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runBulkBench } from './bulk';
import { measureColdStart } from './cold-start';
import { closeConnections } from './http';
import { runMessageBench } from './messages';
import { messageSection } from './messages-report';
import { machineLoad, progress, renderReport } from './report';

/** Where `npm run bench` writes its table (the source tree, next to the bench code). */
const RESULTS = resolve(__dirname, '../../bench/results.md');
const COLD_START_RUNS = 3;

/** `npm run bench`: cold start, message path (bot vs echo bot), then the bulk job; one table, also written to results.md. */
async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg();
  progress(`cold start: ${COLD_START_RUNS} spawns of node dist/src/index.js`);
  const cold = await measureColdStart(COLD_START_RUNS);
  const messages = await runMessageBench();
  const bulk = await runBulkBench();
  const report = renderReport('Reprocess bench', [messageSection(messages, cold), bulk], [machineLoad(loadBefore)]);
  process.stdout.write(report);
  writeFileSync(RESULTS, report);
  progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; written to ${RESULTS}`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => closeConnections());
