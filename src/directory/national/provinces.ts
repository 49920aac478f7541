/**
 * What the area data does not say about a province: the short name its organizations' ids use
 * (`kpu-ntb`, `bawaslu-sulbar`, as secretariats write them) and its time zone (DESIGN §12: WIB
 * for Sumatra, Java, West and Central Kalimantan; WITA for Bali, Nusa Tenggara, South, East and
 * North Kalimantan and Sulawesi; WIT for Maluku and Papua). Keyed by the Kemendagri code. Every
 * province of `idn-area-data` must be here: the generator refuses to run otherwise.
 *
 * Gorontalo's short name is `prov-gorontalo` because `kpu-gorontalo` is the id of KPU Kabupaten
 * Gorontalo under the same scheme.
 */
export interface ProvinceFacts {
  short: string;
  timeZone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
}

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

export const PROVINCE_FACTS: Readonly<Record<string, ProvinceFacts>> = {
  '11': { short: 'aceh', timeZone: WIB },
  '12': { short: 'sumut', timeZone: WIB },
  '13': { short: 'sumbar', timeZone: WIB },
  '14': { short: 'riau', timeZone: WIB },
  '15': { short: 'jambi', timeZone: WIB },
  '16': { short: 'sumsel', timeZone: WIB },
  '17': { short: 'bengkulu', timeZone: WIB },
  '18': { short: 'lampung', timeZone: WIB },
  '19': { short: 'babel', timeZone: WIB },
  '21': { short: 'kepri', timeZone: WIB },
  '31': { short: 'dki', timeZone: WIB },
  '32': { short: 'jabar', timeZone: WIB },
  '33': { short: 'jateng', timeZone: WIB },
  '34': { short: 'diy', timeZone: WIB },
  '35': { short: 'jatim', timeZone: WIB },
  '36': { short: 'banten', timeZone: WIB },
  '51': { short: 'bali', timeZone: WITA },
  '52': { short: 'ntb', timeZone: WITA },
  '53': { short: 'ntt', timeZone: WITA },
  '61': { short: 'kalbar', timeZone: WIB },
  '62': { short: 'kalteng', timeZone: WIB },
  '63': { short: 'kalsel', timeZone: WITA },
  '64': { short: 'kaltim', timeZone: WITA },
  '65': { short: 'kaltara', timeZone: WITA },
  '71': { short: 'sulut', timeZone: WITA },
  '72': { short: 'sulteng', timeZone: WITA },
  '73': { short: 'sulsel', timeZone: WITA },
  '74': { short: 'sultra', timeZone: WITA },
  '75': { short: 'prov-gorontalo', timeZone: WITA },
  '76': { short: 'sulbar', timeZone: WITA },
  '81': { short: 'maluku', timeZone: WIT },
  '82': { short: 'malut', timeZone: WIT },
  '91': { short: 'papua', timeZone: WIT },
  '92': { short: 'pabar', timeZone: WIT },
  '93': { short: 'papua-selatan', timeZone: WIT },
  '94': { short: 'papua-tengah', timeZone: WIT },
  '95': { short: 'papua-pegunungan', timeZone: WIT },
  '96': { short: 'papua-barat-daya', timeZone: WIT },
};
