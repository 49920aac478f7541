/**
 * Page texts of coordination schedules (recurring coordination), in both languages (the
 * dictionaries take them as `schedules`). Bahasa Indonesia defines the shape.
 */
const id = {
  nav: 'Jadwal rutin',
  title: 'Koordinasi rutin',
  intro: 'Jadwal yang memulai permohonan koordinasi secara berkala (misalnya rapat koordinasi bulanan), milik organisasi Anda dan organisasi di bawahnya.',
  empty: 'Belum ada jadwal.',
  name: 'Permohonan',
  recurrence: 'Pengulangan',
  cron: (cron: string) => `cron "${cron}"`,
  every: (every: string) => `setiap ${every}`,
  zone: (zone: string) => `zona ${zone}`,
  period: 'Berlaku',
  from: (d: string) => `mulai ${d}`,
  until: (d: string) => `sampai ${d}`,
  skipsHolidays: 'melewati hari libur dan cuti bersama',
  next: 'Berikutnya',
  none: '—',
  state: 'Status',
  active: 'Berjalan',
  paused: 'Dijeda',
  actions: 'Tindakan',
  pause: 'Jeda',
  resume: 'Lanjutkan',
  remove: 'Hapus',
  startedBy: 'Dimulai oleh jadwal rutin',
  occurrence: (when: string) => `untuk jadwal ${when}`,
};

const en: typeof id = {
  nav: 'Recurring',
  title: 'Recurring coordination',
  intro: 'Schedules that start a coordination request at regular times (a monthly coordination meeting, say), of your organization and those under it.',
  empty: 'No schedules yet.',
  name: 'Request',
  recurrence: 'Recurrence',
  cron: (cron) => `cron "${cron}"`,
  every: (every) => `every ${every}`,
  zone: (zone) => `${zone} time`,
  period: 'Period',
  from: (d) => `from ${d}`,
  until: (d) => `until ${d}`,
  skipsHolidays: 'skips public holidays and cuti bersama',
  next: 'Next',
  none: '—',
  state: 'State',
  active: 'Active',
  paused: 'Paused',
  actions: 'Actions',
  pause: 'Pause',
  resume: 'Resume',
  remove: 'Delete',
  startedBy: 'Started by a recurring schedule',
  occurrence: (when) => `for the occurrence of ${when}`,
};

export const SCHEDULES_TEXT = { id, en };
