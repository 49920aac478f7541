/**
 * The suite's own clock switch (jest.clock.js): under KOORDINASI_TEST_NOW every test file sees that
 * day, so the runs under far-apart days (npm run test:dates) really are on those days.
 */
const fakeNow = process.env.KOORDINASI_TEST_NOW;

(fakeNow === undefined ? test.skip : test)('Date starts at KOORDINASI_TEST_NOW and moves on with real time', async () => {
  const start = Date.parse(fakeNow as string);
  const first = Date.now();
  expect(first).toBeGreaterThanOrEqual(start);
  expect(first - start).toBeLessThan(10 * 60_000);
  expect(new Date().getTime()).toBeGreaterThanOrEqual(first);
  await new Promise((resolve) => setTimeout(resolve, 60)); // timers stay real
  expect(Date.now()).toBeGreaterThan(first);
});
