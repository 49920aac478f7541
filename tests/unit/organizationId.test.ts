/** An organization id that is too short is refused with the rule spelled out, in the API and the directory. */
import { parseDirectory } from '../../src/directory/directory';
import { OrgIdSchema } from '../../src/api/schemas';

test.each(['a', '-ab', 'A1'])('API: organization id %j is refused and the message gives the length rule', (id) => {
  const result = OrgIdSchema.safeParse(id);
  expect(result.success).toBe(false);
  expect(result.error?.issues[0].message).toContain('at least 2');
});

test('API: ids of 2 and 63 characters are accepted', () => {
  expect(OrgIdSchema.safeParse('ab').success).toBe(true);
  expect(OrgIdSchema.safeParse('a'.repeat(63)).success).toBe(true);
  expect(OrgIdSchema.safeParse('a'.repeat(64)).success).toBe(false);
});

test('directory: a one-character id is refused naming the rule', () => {
  const org = { id: 'k', name: 'K', kind: 'KPU', level: 'NATIONAL', parentId: null, timeZone: 'Asia/Jakarta', contacts: {} };
  expect(() => parseDirectory({ organizations: [org] })).toThrow(/organizations\.0\.id: at least 2/);
});
