// Where a child's CPU went: `node dist/test/bench/pipeline/profileSummary.js <file.cpuprofile> [top]` prints the
// self time by function and by origin (a package under node_modules, a project folder, node internals, GC/idle).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const originOf = (url: string, name: string): string => {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module !== null) return module[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/dist\/([^/]+(?:\/[^/]+)?)\//.exec(url);
  return project === null ? url : project[1]!;
};

const [file, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: profileSummary <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = (profile.endTime - profile.startTime) / 1000;
const functions = new Map<string, number>();
const origins = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const frame = byId.get(id)!.callFrame;
  const origin = originOf(frame.url, frame.functionName);
  const key = `${frame.functionName || '(anonymous)'}  ${origin}${frame.url === '' ? '' : `:${frame.lineNumber + 1}`}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
  origins.set(origin, (origins.get(origin) ?? 0) + ms);
}
// Native and node-internal time (socket writes, crypto, JSON) charged to the nearest caller that is a package or
// project code: which component's round trips or work it was.
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const attributed = new Map<string, number>();
const INTERNAL = new Set(['(native)', 'node internals', '(program)']);
for (const [id, ms] of selfMs) {
  let origin = '(root)';
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = byId.get(at)!.callFrame;
    const candidate = originOf(frame.url, frame.functionName);
    if (candidate === '(root)' || candidate === '(idle)' || candidate === '(garbage collector)') {
      origin = candidate;
      break;
    }
    if (!INTERNAL.has(candidate)) {
      origin = candidate;
      break;
    }
  }
  attributed.set(origin, (attributed.get(origin) ?? 0) + ms);
}
const top = Number(topArg ?? 30);
const print = (title: string, entries: Map<string, number>): void => {
  console.log(`\n${title}`);
  for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`);
};
console.log(`${file}: ${total.toFixed(0)} ms profiled`);
print('self time by origin', origins);
print('self time by function', functions);
print('self time charged to the nearest package or project caller', attributed);
