/**
 * Patch ids (workflows/patches.ts): each declared once, and each with its row in the retirement
 * plan (docs/ARCHITECTURE.md#patch-retirement), so a new patch cannot arrive without its plan.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PATCHES } from '../../workflows/patches';

const ids = Object.values(PATCHES);
const architecture = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'ARCHITECTURE.md'), 'utf8');
const plan = architecture.slice(architecture.indexOf('## Patch retirement'), architecture.indexOf('## Where each rule lives'));

test('every patch id is declared once', () => {
  expect(new Set(ids).size).toBe(ids.length);
});

test.each(ids)('%s has its row in the retirement plan', (id) => {
  expect(plan).toContain(`| \`${id}\` |`);
});
