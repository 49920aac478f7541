/** The language switch's address stays on this site whatever path the page was reached by. */
import { switchHref } from '../../src/web/langSwitch';

test.each([
  ['/requests/rq-1', 'en', '/requests/rq-1?lang=en'],
  ['/requests?status=OPEN&lang=id', 'en', '/requests?status=OPEN&lang=en'],
  ['/', 'id', '/?lang=id'],
  // Dot segments that resolve to a path starting with two slashes: not protocol-relative.
  ['/..//evil.example', 'en', '/evil.example?lang=en'],
  ['/a/../..//evil.example/x?y=1', 'en', '/evil.example/x?y=1&lang=en'],
  ['//evil.example/x', 'en', '/x?lang=en'],
])('%s → %s', (url, to, want) => {
  const got = switchHref(url, to);
  expect(got).toBe(want);
  expect(got.startsWith('//')).toBe(false);
  expect(new URL(got, 'https://koordinasi.example').host).toBe('koordinasi.example');
});
