/**
 * Port checks done BEFORE anything is spawned, so a second `npm start` fails with one clear line
 * instead of a dev server dying half-way or a worker connecting to the first instance's server.
 */
import { isPortFree } from '../net/ports';

export { freePort, isPortFree } from '../net/ports';

export class PortInUseError extends Error {}

export interface PortClaim {
  host: string;
  port: number;
  /** What the port is for, e.g. "Temporal dev server (gRPC)". */
  what: string;
  /** The variable that moves it, e.g. TEMPORAL_DEV_PORT. */
  variable: string;
}

/**
 * Throws PortInUseError naming every taken port at once (its purpose and the variable that moves
 * it), so a second `npm start` tells the whole story in one line instead of one port per attempt.
 */
export async function assertPortsFree(claims: PortClaim[]): Promise<void> {
  const taken: PortClaim[] = [];
  for (const c of claims) {
    if (c.port === 0) continue; // the OS picks: nothing to collide with
    if (!(await isPortFree(c.host, c.port))) taken.push(c);
  }
  if (taken.length === 1) {
    const [c] = taken;
    throw new PortInUseError(
      `port ${c.port} (${c.what}) on ${c.host} is already in use — is Koordinasi already running? ` +
        `Stop it, or set ${c.variable} to another port.`,
    );
  }
  if (taken.length > 1) {
    const list = taken.map((c) => `${c.port} on ${c.host} (${c.what}, ${c.variable})`).join(', ');
    throw new PortInUseError(
      `ports already in use: ${list} — is Koordinasi already running? Stop it, or set those variables to other ports.`,
    );
  }
}

/**
 * A free port in [min, max] on 127.0.0.1, picked at random and checked. For listeners whose port
 * must stay out of the OS's ephemeral range (from 32768 on Linux), e.g. Temporal's membership
 * ports, which its SQL schema stores as SMALLINT.
 */
export async function freePortInRange(min: number, max: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (await isPortFree(host, port)) return port;
  }
  throw new PortInUseError(`no free port between ${min} and ${max} on ${host}`);
}
