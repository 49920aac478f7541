/**
 * A tiny Node program, run as `node -e GUARD_SOURCE <binary> <args...>`, that sits between the
 * launcher and `temporal server start-dev`.
 *
 * Why: Linux gives Node no "kill my child when I die" (PR_SET_PDEATHSIG). The guard's stdin is a
 * pipe from the launcher; when the launcher dies in any way (even SIGKILL) the pipe closes, and the
 * guard stops the server: SIGTERM, then SIGKILL after `graceMs`. It also stops the server on its own
 * SIGTERM/SIGINT, which is how the launcher stops it on a clean shutdown.
 *
 * Plain JavaScript in a string so it runs with the bare `node` binary (no tsx, no build step).
 */
export function guardSource(graceMs: number): string {
  return `
const { spawn } = require('node:child_process');
const [bin, ...args] = process.argv.slice(1);
const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), ${Math.max(0, Math.floor(graceMs))}).unref();
}
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);
child.on('error', (err) => { console.error('cannot run ' + bin + ': ' + err.message); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code === null ? (stopping ? 0 : 1) : code));
`;
}
