/**
 * Page texts of the election schedule (tahapan), in both languages (the dictionaries take them as
 * `stages`). Bahasa Indonesia defines the shape.
 */
const id = {
  nav: 'Tahapan',
  title: 'Tahapan pemilu',
  intro: 'Tanggal tahapan menurut berkas jadwal yang dikelola operator. Tenggat jenis TAHAPAN dihitung dari tanggal ini, dalam hari kerja.',
  adminIntro: 'Setelah berkas jadwal direvisi (misalnya karena perubahan PKPU), terapkan tanggal baru ke permohonan yang masih berjalan: tenggatnya dihitung ulang, tercatat di linimasa, dan peserta yang belum menjawab diberi tahu.',
  empty: 'Berkas jadwal belum memuat tahapan.',
  stage: 'Tahapan',
  date: 'Tanggal',
  actions: 'Tindakan',
  apply: 'Terapkan ke permohonan berjalan',
  applyLabel: (name: string) => `Terapkan tanggal ${name} ke permohonan berjalan`,
  none: '—',
  reportTitle: (name: string, date: string) => `${name}: tanggal ${date} diterapkan`,
  summary: (matched: number, changed: number, unchanged: number, failed: number) =>
    `${matched} permohonan berjalan memakai tahapan ini: ${changed} tenggat berubah, ${unchanged} tetap, ${failed} gagal.`,
  outcome: { CHANGED: 'tenggat berubah', UNCHANGED: 'tetap', FAILED: 'gagal' } as Record<'CHANGED' | 'UNCHANGED' | 'FAILED', string>,
  moved: (from: string, to: string) => `dari ${from} menjadi ${to}`,
};

const en: typeof id = {
  nav: 'Stages',
  title: 'Election schedule',
  intro: "Stage dates as the operators' schedule file says. STAGE deadlines are counted from these dates, in working days.",
  adminIntro: 'After the schedule file was revised (a KPU regulation changed, say), carry the new date into the open requests: their deadlines are computed again, the timeline records it, and undecided participants are told.',
  empty: 'The schedule file lists no stages.',
  stage: 'Stage',
  date: 'Date',
  actions: 'Actions',
  apply: 'Apply to open requests',
  applyLabel: (name) => `Apply the date of ${name} to open requests`,
  none: '—',
  reportTitle: (name, date) => `${name}: date ${date} applied`,
  summary: (matched, changed, unchanged, failed) => `${matched} open requests use this stage: ${changed} deadlines moved, ${unchanged} unchanged, ${failed} failed.`,
  outcome: { CHANGED: 'deadline moved', UNCHANGED: 'unchanged', FAILED: 'failed' },
  moved: (from, to) => `from ${from} to ${to}`,
};

export const STAGES_TEXT = { id, en };
