import { readFileSync } from 'node:fs';

// Linux only (/proc). Clock ticks are 100/s on every mainstream Linux build (getconf CLK_TCK).
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; null once it is gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields we want come after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3, so utime (14) and stime (15) are at index 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine (all cores), in seconds. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [, ...values] = line.trim().split(/\s+/);
  const ticks = values.map(Number);
  // user nice system idle iowait irq softirq steal …: idle + iowait is "not busy".
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

export type CpuUse = {
  /** CPU seconds the server process used. */
  serverSec: number;
  /** Share of one core the server used (1 = its event loop never idle). */
  serverShare: number;
  /** Share of all cores the machine used (load generator, server, Postgres, anything else). */
  machineShare: number;
};

/** Measures, around `work`, how busy the server process and the whole machine were. */
export async function withCpu<T>(serverPid: number, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const server0 = processCpuSeconds(serverPid) ?? 0;
  const machine0 = machineCpuSeconds();
  const wall0 = performance.now();
  const result = await work();
  const wall = (performance.now() - wall0) / 1000;
  const server1 = processCpuSeconds(serverPid) ?? server0;
  const machine1 = machineCpuSeconds();
  const serverSec = server1 - server0;
  return {
    result,
    cpu: {
      serverSec,
      serverShare: serverSec / wall,
      machineShare: (machine1.busy - machine0.busy) / (machine1.total - machine0.total),
    },
  };
}

/** How busy the machine is without us: other work on the same cores skews every figure. */
export async function machineBusyOver(ms: number): Promise<number> {
  const before = machineCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineCpuSeconds();
  return (after.busy - before.busy) / (after.total - before.total);
}
