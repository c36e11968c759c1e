// The whole machine's busy CPU (every process: Postgres, NATS, the emulator, the generator, the pipeline), from
// /proc/stat. When both cores are saturated a level's latencies say little; CPU per update of the whole machine is
// what a change must lower, and it stays comparable between a fast and a slow day better than wall times do.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux build this runs on (getconf CLK_TCK)

/** Busy CPU seconds of all cores since boot (user + nice + system + irq + softirq + steal), or undefined off Linux. */
export const machineBusySeconds = (): number | undefined => {
  let line: string;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  } catch {
    return undefined;
  }
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
};
