/**
 * docs/ARCHITECTURE.md is where code and docs point for the design: every `ARCHITECTURE.md#anchor`
 * in the repository must name one of its headings (GitHub's anchor rules), or the reference rots.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'data', 'histories']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx|md|js|mjs)$/.test(name) ? [full] : [];
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

test('every ARCHITECTURE.md#anchor in the repository names a heading of the document', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const anchors = new Set([...doc.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
  expect(anchors).toContain('the-coordination-request');

  const broken: string[] = [];
  let references = 0;
  for (const file of files(ROOT).filter((f) => f !== __filename)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/ARCHITECTURE\.md#([\w-]+)/g)) {
      references++;
      if (!anchors.has(m[1])) broken.push(`${path.relative(ROOT, file)}: #${m[1]}`);
    }
  }
  expect(broken).toEqual([]);
  expect(references).toBeGreaterThan(10);
});
