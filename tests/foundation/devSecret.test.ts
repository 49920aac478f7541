/** When the launcher may print a development token (the rule; the launcher test covers the wiring). */
import { mayPrintDevToken } from '../../src/process/devSecret';

test.each([
  [{ secretFile: '/d/dev-jwt-secret', stdoutIsTTY: true }, true],
  // Piped or redirected stdout ends in log files and collectors.
  [{ secretFile: '/d/dev-jwt-secret', stdoutIsTTY: false }, false],
  // JWT_SECRET / JWKS configured by an operator, or production: no generated secret, no token.
  [{ secretFile: undefined, stdoutIsTTY: true }, false],
  [{ secretFile: undefined, stdoutIsTTY: false }, false],
])('mayPrintDevToken(%j) is %s', (opts, expected) => {
  expect(mayPrintDevToken(opts)).toBe(expected);
});
