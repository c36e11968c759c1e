// Long event-loop tasks in a child's CPU profile: `node dist/test/bench/pipeline/longTasks.js <file.cpuprofile>
// [minMs] [top]`. A busy stretch is a run of consecutive samples that are not (idle) — with the 1 ms sampling of
// --cpu-prof, a task of the event loop (a socket read with every promise continuation it sets off, a timer, an
// immediate) longer than a few ms. While one runs, nothing else in the process moves: no webhook is acked, no reply
// sent. Prints how much of the busy time sits in stretches of each length, and for the stretches of at least minMs
// (default 20) what was running in them: self time by function, and time by the nearest project function on the
// stack (the code that set the work off).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, minArg, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: longTasks <file.cpuprofile> [minMs] [top]');
const minMs = Number(minArg ?? 20);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const nameOf = (id: number): string => {
  const frame = byId.get(id)!.callFrame;
  const at = frame.url === '' ? '' : ` ${frame.url.replace(/^.*\/dist\//, '').replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${at}`;
};
const isProject = (id: number): boolean => {
  const url = byId.get(id)!.callFrame.url;
  return url.includes('/dist/') && !url.includes('node_modules');
};
const projectFrameOf = (id: number): string => {
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) if (isProject(at)) return nameOf(at);
  return `(no project frame) ${nameOf(id)}`;
};

// A sample's delta is the time since the previous sample: charge it to the sample it ends.
interface Stretch {
  readonly start: number;
  readonly samples: { readonly id: number; readonly ms: number }[];
  ms: number;
}
const stretches: Stretch[] = [];
let current: Stretch | undefined;
let clock = 0;
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  clock += ms;
  const idle = byId.get(id)!.callFrame.functionName === '(idle)';
  if (idle) {
    if (current !== undefined) stretches.push(current);
    current = undefined;
    return;
  }
  current ??= { start: clock - ms, samples: [], ms: 0 };
  current.samples.push({ id, ms });
  current.ms += ms;
});
if (current !== undefined) stretches.push(current);

const busy = stretches.reduce((sum, stretch) => sum + stretch.ms, 0);
console.log(`${file}: ${(clock / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy in ${stretches.length} stretches`);
const bounds = [2, 5, 10, 20, 50, 100, 200, Number.POSITIVE_INFINITY];
let from = 0;
for (const bound of bounds) {
  const inBand = stretches.filter((stretch) => stretch.ms >= from && stretch.ms < bound);
  const ms = inBand.reduce((sum, stretch) => sum + stretch.ms, 0);
  console.log(`  ${`${from}–${bound === Number.POSITIVE_INFINITY ? '∞' : bound} ms`.padEnd(12)} ${String(inBand.length).padStart(7)} stretches ${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)} % of busy`);
  from = bound;
}
const long = stretches.filter((stretch) => stretch.ms >= minMs);
const longest = [...long].sort((a, b) => b.ms - a.ms).slice(0, 10);
console.log(`longest: ${longest.map((stretch) => `${stretch.ms.toFixed(0)} ms at ${(stretch.start / 1000).toFixed(1)} s`).join(', ')}`);
const self = new Map<string, number>();
const project = new Map<string, number>();
const longMs = long.reduce((sum, stretch) => sum + stretch.ms, 0);
for (const stretch of long) {
  for (const { id, ms } of stretch.samples) {
    self.set(nameOf(id), (self.get(nameOf(id)) ?? 0) + ms);
    const frame = projectFrameOf(id);
    project.set(frame, (project.get(frame) ?? 0) + ms);
  }
}
const print = (title: string, entries: Map<string, number>): void => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / longMs).toFixed(1).padStart(5)} %  ${key}`);
};
print(`in the ${long.length} stretches of ≥ ${minMs} ms (${longMs.toFixed(0)} ms): self time by function`, self);
print('the same by the nearest project function on the stack', project);
