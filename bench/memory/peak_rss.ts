import { readFileSync } from 'fs';

/** This process's peak resident set size in MB (VmHWM of /proc/self/status; Linux only). */
export function peakRssMB(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  if (!line) throw new Error('no VmHWM line in /proc/self/status; the memory benchmark needs Linux');
  return Number(line.split(/\s+/)[1]) / 1024;
}
