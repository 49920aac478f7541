/**
 * The address of the language switch: the current page with `lang` set to the other language
 * (works without JavaScript). Always a path on this site: a path that starts with more than one
 * slash after its dot segments resolve (`/..//evil.example`) would otherwise be written as a
 * protocol-relative address (`//evil.example?lang=en`) and take the reader to another host.
 */
export function switchHref(url: string, to: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', to);
  return `/${u.pathname.replace(/^\/+/, '')}${u.search}`;
}
