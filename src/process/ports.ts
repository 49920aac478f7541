/**
 * Port checks done BEFORE anything is spawned, so a second `npm start` fails with one clear line
 * instead of a dev server dying half-way or a worker connecting to the first instance's server.
 */
import net from 'node:net';

export class PortInUseError extends Error {}

/** Resolves true when `host:port` can be bound right now. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    });
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** A port the OS says is free on 127.0.0.1 now (bind to 0, read it, release it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ host, port: 0 }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

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
