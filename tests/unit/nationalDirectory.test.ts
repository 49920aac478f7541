/**
 * The national directory generated from idn-area-data (src/directory/national/): counts, names,
 * ids, parents and every province's time zone, against facts kept here, not read from the code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Directory, parseDirectory } from '../../src/directory/directory';
import { readAreas } from '../../src/directory/national/areas';
import { nationalOrganizations, regencyKey, slug } from '../../src/directory/national/generate';
import { mergeWithOperators } from '../../src/directory/national/merge';
import { PROVINCE_FACTS } from '../../src/directory/national/provinces';
import legacy from '../../config/organizations.json';

const areas = readAreas();
const orgs = nationalOrganizations(areas);
const directory = new Directory(orgs);
const byId = (id: string) => directory.get(id);

// DESIGN §12, by province name: WIT for Maluku and Papua, WITA for Bali, Nusa Tenggara, South/East/North Kalimantan and Sulawesi.
const WIT = ['Maluku', 'Maluku Utara', 'Papua', 'Papua Barat', 'Papua Selatan', 'Papua Tengah', 'Papua Pegunungan', 'Papua Barat Daya'];
const WITA = ['Bali', 'Nusa Tenggara Barat', 'Nusa Tenggara Timur', 'Kalimantan Selatan', 'Kalimantan Timur', 'Kalimantan Utara', 'Sulawesi Utara', 'Sulawesi Tengah', 'Sulawesi Selatan', 'Sulawesi Tenggara', 'Gorontalo', 'Sulawesi Barat'];
const zoneOf = (province: string) => (WIT.includes(province) ? 'Asia/Jayapura' : WITA.includes(province) ? 'Asia/Makassar' : 'Asia/Jakarta');

test('38 provinces and 514 regencies and cities, three bodies each, and the three national ones', () => {
  expect(areas.provinces).toHaveLength(38);
  expect(areas.regencies).toHaveLength(514);
  const count = (kind: string, level: string) => orgs.filter((o) => o.kind === kind && o.level === level).length;
  for (const kind of ['KPU', 'BAWASLU', 'PEMDA']) {
    expect([kind, count(kind, 'PROVINCE'), count(kind, 'REGENCY')]).toEqual([kind, 38, 514]);
  }
  expect(orgs.filter((o) => o.level === 'NATIONAL').map((o) => o.id)).toEqual(['kpu-ri', 'bawaslu-ri', 'dkpp']);
  expect(orgs).toHaveLength(3 + 3 * 38 + 3 * 514);
  expect(new Set(orgs.map((o) => o.id)).size).toBe(orgs.length);
});

test.each(areas.provinces.map((p) => [p.name, p.code] as const))('%s (%s): its bodies and every regency in it keep its zone', (name, code) => {
  const mine = orgs.filter((o) => o.areaCode === code || o.areaCode?.startsWith(`${code}.`));
  expect(mine.length).toBeGreaterThanOrEqual(3);
  expect(new Set(mine.map((o) => o.timeZone))).toEqual(new Set([zoneOf(name)]));
});

test('the ten ids in use stay the ids of the same organizations, with the same parents and zones', () => {
  for (const o of legacy.organizations) {
    expect(byId(o.id)).toMatchObject({ name: o.name, kind: o.kind, level: o.level, parentId: o.parentId, timeZone: o.timeZone });
  }
});

test('names, ids, parents and codes read as secretariats write them', () => {
  expect(byId('kpu-sumbawa')).toMatchObject({ name: 'KPU Kabupaten Sumbawa', parentId: 'kpu-ntb', areaCode: '52.04' });
  expect(byId('pemkot-mataram')).toMatchObject({ name: 'Pemerintah Kota Mataram', parentId: 'pemprov-ntb', level: 'REGENCY' });
  expect(byId('kpu-kota-mataram')).toMatchObject({ name: 'KPU Kota Mataram', parentId: 'kpu-ntb' });
  expect(byId('bawaslu-kota-bima')).toMatchObject({ name: 'Bawaslu Kota Bima', parentId: 'bawaslu-ntb' });
  expect(byId('bawaslu-bima')).toMatchObject({ name: 'Bawaslu Kabupaten Bima' });
  expect(byId('kpu-kota-jakarta-pusat')).toMatchObject({ name: 'KPU Kota Administrasi Jakarta Pusat', parentId: 'kpu-dki', timeZone: 'Asia/Jakarta' });
  expect(byId('kpu-gorontalo')).toMatchObject({ name: 'KPU Kabupaten Gorontalo', parentId: 'kpu-prov-gorontalo' });
  expect(byId('kpu-jayapura')).toMatchObject({ timeZone: 'Asia/Jayapura', parentId: 'kpu-papua' });
  expect(byId('pemprov-ntb')).toMatchObject({ parentId: null, areaCode: '52' });
  // An escalation across the hierarchy: a silent Bawaslu Kabupaten goes up to its province, then RI.
  expect(directory.ancestors('bawaslu-sumbawa-barat')).toEqual(['bawaslu-ntb', 'bawaslu-ri']);
  for (const o of orgs) expect(o.id).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
});

test('the generated file is a directory file the processes accept as it is', () => {
  expect(parseDirectory(JSON.parse(JSON.stringify({ organizations: orgs }))).organizations).toHaveLength(orgs.length);
});

test.each([
  ['Kabupaten Sumbawa', false, 'sumbawa'],
  ['Kota Mataram', true, 'mataram'],
  ['Kota Administrasi Jakarta Pusat', true, 'jakarta-pusat'],
  ['Kabupaten Administrasi Kepulauan Seribu', false, 'kepulauan-seribu'],
  ['Kabupaten Toli-Toli', false, 'toli-toli'],
])('regencyKey(%s)', (name, city, base) => {
  expect(regencyKey(name)).toEqual({ city, base });
});

test('slug keeps ASCII letters and digits only', () => {
  expect(slug("  Pangkajene dan Kepulauan ")).toBe('pangkajene-dan-kepulauan');
  expect(slug('Kota Baubau/Bau-Bau')).toBe('kota-baubau-bau-bau');
  expect(() => regencyKey('Sumbawa')).toThrow(/Kabupaten.*Kota/);
});

test('a province without facts, a collision and a malformed area file are refused, not guessed', () => {
  expect(() => nationalOrganizations({ provinces: [...areas.provinces, { code: '99', name: 'Baru' }], regencies: [] })).toThrow(/99 \(Baru\)/);
  const twice = { provinces: [{ code: '52', name: 'Nusa Tenggara Barat' }], regencies: [{ code: '52.04', provinceCode: '52', name: 'Kabupaten Sumbawa' }, { code: '52.99', provinceCode: '52', name: 'Kabupaten Sumbawa' }] };
  expect(() => nationalOrganizations(twice)).toThrow(/share the id "kpu-sumbawa"/);
  expect(() => nationalOrganizations({ provinces: [], regencies: [{ code: '52.04', provinceCode: '52', name: 'Kabupaten Sumbawa' }] })).toThrow(/unknown provinces: 52.04/);
  const dir = mkdtempSync(path.join(tmpdir(), 'areas-'));
  writeFileSync(path.join(dir, 'provinces.csv'), 'code,name\n52,Nusa Tenggara Barat\n');
  writeFileSync(path.join(dir, 'regencies.csv'), 'code,province_code,name\n52.04,52,Kabupaten Sumbawa, Besar\n');
  expect(() => readAreas(dir)).toThrow(/regencies.csv:2: expected 3 columns/);
  expect(Object.keys(PROVINCE_FACTS).sort()).toEqual(areas.provinces.map((p) => p.code).sort());
});

test('merged with an operator file: contacts and own organizations kept, identity from the area data', () => {
  const polres = { id: 'polres-sumbawa', name: 'Polres Sumbawa', kind: 'POLRI' as const, level: 'REGENCY' as const, parentId: null, timeZone: 'Asia/Makassar', language: 'id' as const, contacts: { emails: ['humas@polres-sumbawa.example'] } };
  const renamed = { ...byId('pemkab-sumbawa')!, name: 'Pemkab Sumbawa', contacts: { emails: ['kesbangpol@pemkab-sumbawa.example'] } };
  const merged = mergeWithOperators(orgs, [renamed, polres]);
  expect(merged.organizations).toHaveLength(orgs.length + 1);
  expect(merged.organizations.find((o) => o.id === 'pemkab-sumbawa')).toMatchObject({ name: 'Pemerintah Kabupaten Sumbawa', contacts: { emails: ['kesbangpol@pemkab-sumbawa.example'] } });
  expect(merged.organizations.at(-1)).toEqual(polres);
  expect([merged.corrected, merged.kept]).toEqual([['pemkab-sumbawa'], ['polres-sumbawa']]);
  expect(() => new Directory(merged.organizations)).not.toThrow();
});
