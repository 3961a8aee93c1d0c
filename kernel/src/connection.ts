/** The connection file Jupyter hands a kernel: where to bind and how to sign. */
import { readFileSync } from 'fs';

/** Ports, transport and key from the connection file. */
export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

/** Reads and checks a connection file; throws with the file's path and the problem. */
export function readConnectionFile(path: string): ConnectionInfo {
  const info = JSON.parse(readFileSync(path, 'utf8')) as ConnectionInfo;
  const scheme = info.signature_scheme ?? 'hmac-sha256';
  if (info.key !== '' && scheme !== 'hmac-sha256') {
    throw new Error(`connection file ${path}: signature_scheme is ${JSON.stringify(scheme)}; this kernel signs with hmac-sha256 only`);
  }
  for (const port of ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const) {
    if (info.transport === 'tcp' && !(Number.isInteger(info[port]) && info[port] > 0)) {
      throw new Error(`connection file ${path}: ${port} is ${JSON.stringify(info[port])}; expected a positive port number`);
    }
  }
  return info;
}

/** The ZeroMQ endpoint of one channel (for ipc, Jupyter's `<ip>-<port>` file naming). */
export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}
