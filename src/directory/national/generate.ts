/**
 * The national directory generated from the area data (DESIGN §12): KPU RI, Bawaslu RI and DKPP;
 * for each province a KPU Provinsi, a Bawaslu Provinsi and its Pemerintah Provinsi; for each
 * regency or city a KPU, a Bawaslu and its Pemerintah Kabupaten/Kota. Pure given the areas.
 *
 * One id scheme, which keeps the ids already in use (`kpu-ntb`, `kpu-sumbawa`, `pemkab-sumbawa`,
 * `bawaslu-ntb`, `dkpp`): `<body>-<province short>` for a province; `<body>-<name>` for a
 * kabupaten and `<body>-kota-<name>` for a city, with Pemda's body `pemprov`, `pemkab`, `pemkot`.
 * The Kemendagri code is kept as `areaCode`. Generated organizations have no contacts yet:
 * operators add them (and police, prosecutors and civic groups, which no area list names).
 */
import type { Organization, OrgKind, OrgLevel } from '../../domain/organizations';
import type { Areas, Regency } from './areas';
import { PROVINCE_FACTS } from './provinces';

const NATIONAL_ZONE = 'Asia/Jakarta';

/** Lowercase ASCII words joined by dashes: "Toli-Toli" → "toli-toli", "Pangkajene dan Kepulauan" → "pangkajene-dan-kepulauan". */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "Kabupaten Sumbawa" → { city: false, base: "sumbawa" }; "Kota Administrasi Jakarta Pusat" → { city: true, base: "jakarta-pusat" }. */
export function regencyKey(name: string): { city: boolean; base: string } {
  const m = /^(Kabupaten|Kota)( Administrasi)? (.+)$/.exec(name);
  if (!m) throw new Error(`a regency's name starts with "Kabupaten" or "Kota": "${name}"`);
  return { city: m[1] === 'Kota', base: slug(m[3]) };
}

function org(id: string, name: string, kind: OrgKind, level: OrgLevel, parentId: string | null, timeZone: string, areaCode?: string): Organization {
  return { id, name, kind, level, parentId, timeZone, language: 'id', contacts: { emails: [] }, ...(areaCode ? { areaCode } : {}) };
}

function regencyOrgs(r: Regency, provinceShort: string, timeZone: string): Organization[] {
  const { city, base } = regencyKey(r.name);
  const tail = city ? `kota-${base}` : base;
  return [
    org(`kpu-${tail}`, `KPU ${r.name}`, 'KPU', 'REGENCY', `kpu-${provinceShort}`, timeZone, r.code),
    org(`bawaslu-${tail}`, `Bawaslu ${r.name}`, 'BAWASLU', 'REGENCY', `bawaslu-${provinceShort}`, timeZone, r.code),
    org(`${city ? 'pemkot' : 'pemkab'}-${base}`, `Pemerintah ${r.name}`, 'PEMDA', 'REGENCY', `pemprov-${provinceShort}`, timeZone, r.code),
  ];
}

export function nationalOrganizations(areas: Areas): Organization[] {
  const out: Organization[] = [
    org('kpu-ri', 'Komisi Pemilihan Umum Republik Indonesia', 'KPU', 'NATIONAL', null, NATIONAL_ZONE),
    org('bawaslu-ri', 'Badan Pengawas Pemilihan Umum Republik Indonesia', 'BAWASLU', 'NATIONAL', null, NATIONAL_ZONE),
    org('dkpp', 'Dewan Kehormatan Penyelenggara Pemilu', 'DKPP', 'NATIONAL', null, NATIONAL_ZONE),
  ];
  for (const p of areas.provinces) {
    const facts = PROVINCE_FACTS[p.code];
    if (!facts) throw new Error(`province ${p.code} (${p.name}) has no short name and time zone in src/directory/national/provinces.ts`);
    out.push(
      org(`kpu-${facts.short}`, `KPU Provinsi ${p.name}`, 'KPU', 'PROVINCE', 'kpu-ri', facts.timeZone, p.code),
      org(`bawaslu-${facts.short}`, `Bawaslu Provinsi ${p.name}`, 'BAWASLU', 'PROVINCE', 'bawaslu-ri', facts.timeZone, p.code),
      org(`pemprov-${facts.short}`, `Pemerintah Provinsi ${p.name}`, 'PEMDA', 'PROVINCE', null, facts.timeZone, p.code),
    );
    for (const r of areas.regencies.filter((x) => x.provinceCode === p.code)) out.push(...regencyOrgs(r, facts.short, facts.timeZone));
  }
  const orphans = areas.regencies.filter((r) => !areas.provinces.some((p) => p.code === r.provinceCode));
  if (orphans.length) throw new Error(`regencies of unknown provinces: ${orphans.map((r) => r.code).join(', ')}`);
  const seen = new Map<string, Organization>();
  for (const o of out) {
    const before = seen.get(o.id);
    if (before) throw new Error(`two organizations would share the id "${o.id}": ${before.name} and ${o.name}`);
    seen.set(o.id, o);
  }
  return out;
}
