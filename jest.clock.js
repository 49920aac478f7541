/**
 * Runs a suite under another day: `KOORDINASI_TEST_NOW=2027-12-31T16:30:00Z npm run test:unit`
 * (or `npx jest tests/api`) fakes only `Date` in every test file, starting at that instant and
 * moving on with real time, so tests that wrote today's date into an expectation fail. Timers,
 * promises and I/O stay real. The Temporal server and PostgreSQL keep the machine's clock: tests
 * whose expectations come from those servers compute them from the servers' own instants.
 * Unset (the default), nothing is faked.
 */
const now = process.env.KOORDINASI_TEST_NOW;
if (now !== undefined && Number.isNaN(Date.parse(now))) {
  throw new Error(`KOORDINASI_TEST_NOW must be an ISO instant, got ${JSON.stringify(now)}`);
}
const everythingButDate = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
];
module.exports = now === undefined ? {} : {
  fakeTimers: { enableGlobally: true, now: Date.parse(now), doNotFake: everythingButDate, advanceTimers: true },
  // The fake Date class lives on the global jest cleans between files; keep its warning quiet.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};
