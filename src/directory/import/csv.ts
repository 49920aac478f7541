/**
 * Contacts from a spreadsheet (operators keep them there): CSV with a header row naming
 * `organization_id` and any of `email`, `whatsapp`. A column that is present replaces that list
 * for the row's organization (an empty cell empties it); an absent column leaves it alone.
 * Several addresses share a cell separated by `;`. WhatsApp numbers may be written locally
 * ("0812-3456-7890"): they are stored in E.164. One row per organization.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { toE164 } from '../phone';
import { DirectoryInputError, type InputProblem } from '../store/errors';
import type { Incoming } from '../store/plan';

const COLUMNS = ['organization_id', 'email', 'whatsapp'] as const;
const email = z.email();

const cells = (v: string): string[] => v.split(';').map((s) => s.trim()).filter(Boolean);

export function incomingFromCsv(text: string): Incoming[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw new DirectoryInputError([{ field: 'csv', message: (err as Error).message }]);
  }
  const [header, ...rows] = records;
  const problems: InputProblem[] = [];
  if (!header) throw new DirectoryInputError([{ field: 'csv', message: 'the file is empty: expected a header row such as organization_id,email,whatsapp' }]);
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (unknown.length) problems.push({ field: 'header', message: `unknown column(s) ${unknown.join(', ')}: expected ${COLUMNS.join(', ')}` });
  if (!header.includes('organization_id')) problems.push({ field: 'header', message: 'the column organization_id is required' });
  if (problems.length) throw new DirectoryInputError(problems);

  const seen = new Map<string, number>();
  const out: Incoming[] = [];
  rows.forEach((cellsOfRow, i) => {
    const line = i + 2; // the header is line 1
    const row = Object.fromEntries(header.map((h, j) => [h, cellsOfRow[j] ?? '']));
    const id = row.organization_id;
    const where = `row ${line}`;
    if (!id) return problems.push({ field: `${where}.organization_id`, message: 'empty' });
    const first = seen.get(id);
    if (first) return problems.push({ field: `${where}.organization_id`, message: `"${id}" appears again (first on row ${first}): one row per organization` });
    seen.set(id, line);
    const contacts: Extract<Incoming, { kind: 'contacts' }>['contacts'] = {};
    if ('email' in row) {
      const emails = cells(row.email);
      emails.filter((e) => !email.safeParse(e).success).forEach((e) => problems.push({ field: `${where}.email`, message: `"${e}" is not an email address` }));
      contacts.emails = emails;
    }
    if ('whatsapp' in row) {
      const numbers = cells(row.whatsapp).map((n) => ({ n, e164: toE164(n) }));
      numbers.filter((x) => !x.e164).forEach((x) => problems.push({ field: `${where}.whatsapp`, message: `"${x.n}" is not a valid phone number (E.164 such as +6281234567890, or a local one such as 0812-3456-7890)` }));
      contacts.whatsapp = numbers.map((x) => x.e164 ?? x.n);
    }
    out.push({ kind: 'contacts', where, id, contacts });
  });
  if (problems.length) throw new DirectoryInputError(problems);
  return out;
}
