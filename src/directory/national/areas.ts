/**
 * Indonesia's provinces and regencies/cities as the pinned `idn-area-data` package carries them
 * (Kemendagri codes and names). Its CSV files are read directly: the package's own loader is an
 * ES module for Node 22+, and this project runs on Node 20 too. The files are three plain columns
 * without quoting; a line of any other shape is refused rather than guessed at.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Province {
  code: string;
  name: string;
}

export interface Regency {
  code: string;
  provinceCode: string;
  /** As written by Kemendagri: "Kabupaten Sumbawa", "Kota Mataram", "Kota Administrasi Jakarta Pusat". */
  name: string;
}

export interface Areas {
  provinces: Province[];
  regencies: Regency[];
}

function rows(file: string, header: string, width: number): string[][] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0] !== header) throw new Error(`${file}: expected the header "${header}", found "${lines[0]}"`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== width || cells.some((c) => c.trim() === '')) throw new Error(`${file}:${i + 2}: expected ${width} columns: ${line}`);
    return cells.map((c) => c.trim());
  });
}

/** The package's data folder (resolved from its package.json: its `exports` do not list the CSVs). */
export function areaDataDir(): string {
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

export function readAreas(dir: string = areaDataDir()): Areas {
  return {
    provinces: rows(path.join(dir, 'provinces.csv'), 'code,name', 2).map(([code, name]) => ({ code, name })),
    regencies: rows(path.join(dir, 'regencies.csv'), 'code,province_code,name', 3).map(([code, provinceCode, name]) => ({ code, provinceCode, name })),
  };
}
