// The disk's durable-commit tail on its own, before a benchmark: one-row commits for --seconds, one every
// --interval-ms (default 200/s), on the database of TEST_DATABASE_URL. A stall over 50 ms every few seconds puts the
// pipeline's reply p99 at 500/s over 100 ms whatever the code does (FINDINGS, 27 Nov 02:25); compare days with it.
//
//   node dist/test/bench/pipeline/commitTail.js [--seconds 30] [--interval-ms 5]
import { parseArgs } from 'node:util';
import { TEST_DATABASE_URL } from '../../support/postgres.js';
import { describeCommitProbe, startCommitProbe } from './commitProbe.js';

const { values: flags } = parseArgs({
  options: { help: { type: 'boolean', default: false }, seconds: { type: 'string', default: '30' }, 'interval-ms': { type: 'string', default: '5' } },
});
if (flags.help) {
  process.stdout.write('usage: node dist/test/bench/pipeline/commitTail.js [--seconds 30] [--interval-ms 5]\n  durable one-row commits on TEST_DATABASE_URL: p50 / p99 / max and how many took over 50 ms\n');
  process.exit(0);
}
const seconds = Number(flags.seconds);
const intervalMs = Number(flags['interval-ms']);
if (!(seconds > 0) || !(intervalMs >= 0)) throw new Error('--seconds must be > 0 and --interval-ms ≥ 0');

const probe = await startCommitProbe(TEST_DATABASE_URL, intervalMs);
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const stats = probe.stats();
await probe.stop();
console.log(`${describeCommitProbe(stats)} (${seconds} s, one every ${intervalMs} ms)`);
