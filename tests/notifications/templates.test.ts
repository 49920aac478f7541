/**
 * Rendered notification templates: a snapshot for every kind in Bahasa Indonesia and English,
 * plus the facts every notification must state (request, step, deadline in local time with its
 * zone abbreviation, link) and HTML escaping.
 */
import { formatLocalDateTime, zoneAbbreviation } from '../../src/domain/localTime';
import { NOTIFICATION_KINDS, notificationKey, type NotificationKind, type NotificationMessage, type Organization, type RecipientRole } from '../../src/domain/types';
import { escapeHtml, renderNotification } from '../../activities/notifications/templates/render';
import { directory } from '../support/workflowHarness';

const BASE = 'https://koordinasi.example';
// Thursday 10 December 2026, 08:00Z = 15.00 WIB = 16.00 WITA = 17.00 WIT.
const DEADLINE = '2026-12-10T08:00:00.000Z';

const LETTER = {
  number: '123/PP.01.2-SD/5204/2026',
  date: '2026-11-30',
  subject: 'Permohonan fasilitasi gudang',
  classification: 'SEGERA',
  srikandiUrl: 'https://srikandi.arsip.go.id/naskah/abc123',
} as const;

const names: Record<string, string> = Object.fromEntries(directory.organizations.map((o) => [o.id, o.name]));

const ROLE: Record<NotificationKind, RecipientRole> = {
  REQUEST_CREATED: 'PARTICIPANT',
  REMINDER_BEFORE: 'PARTICIPANT',
  REMINDER_DUE: 'PARTICIPANT',
  REMINDER_OVERDUE: 'PARTICIPANT',
  ESCALATION: 'SUPERVISOR',
  CHANGES_REQUESTED: 'REQUESTER',
  REVISED: 'PARTICIPANT',
  DEADLINE_EXTENDED: 'PARTICIPANT',
  STAGE_DEADLINE_MOVED: 'PARTICIPANT',
  DELEGATED: 'PARTICIPANT',
  CANCELLED: 'PARTICIPANT',
  OUTCOME_APPROVED: 'REQUESTER',
  OUTCOME_REJECTED: 'REQUESTER',
  OUTCOME_EXPIRED: 'REQUESTER',
  CONDITION_MET: 'PARTICIPANT',
  EXTENSION_REQUESTED: 'REQUESTER',
  EXTENSION_GRANTED: 'PARTICIPANT',
  EXTENSION_DECLINED: 'PARTICIPANT',
};

function messageFor(kind: NotificationKind, recipient: string, role: RecipientRole = ROLE[kind]): NotificationMessage {
  const extra: Partial<NotificationMessage> = {};
  if (kind === 'REMINDER_BEFORE') extra.reminderLabel = 'H-3';
  if (kind === 'REMINDER_DUE') extra.reminderLabel = 'H';
  if (kind === 'REMINDER_OVERDUE') extra.reminderLabel = 'H+2';
  if (kind === 'ESCALATION') extra.silentOrgs = ['bawaslu-sumbawa', 'pemkab-sumbawa'];
  if (kind === 'DELEGATED') extra.delegation = { from: 'pemkab-sumbawa', to: recipient };
  if (kind === 'CHANGES_REQUESTED') {
    extra.comments = [
      { org: 'pemkab-sumbawa', text: 'Mohon lampirkan denah gudang.' },
      { org: 'bawaslu-sumbawa', text: 'Jadwal <pengawasan> & lokasi.' },
    ];
  }
  if (kind === 'REVISED') extra.comment = 'Denah gudang dilampirkan.';
  if (kind === 'DEADLINE_EXTENDED') extra.comment = 'Menunggu rapat pleno.';
  if (kind === 'STAGE_DEADLINE_MOVED') extra.stage = { id: 'penetapan-dpt', date: '2026-12-17', previousDeadline: '2026-12-03T08:00:00.000Z' };
  if (kind === 'CANCELLED') extra.comment = 'Gudang sudah tersedia dari sumber lain.';
  if (kind === 'CONDITION_MET') {
    extra.condition = { text: 'Sertakan surat kuasa pengguna barang.' };
    extra.comment = 'Surat kuasa dikirim 9 Desember.';
  }
  if (kind.startsWith('EXTENSION_')) extra.extension = { org: 'pemkab-sumbawa', until: '2026-12-15T08:00:00.000Z' };
  if (kind === 'EXTENSION_REQUESTED') extra.comment = 'Menunggu rapat pimpinan.';
  if (kind === 'EXTENSION_DECLINED') extra.comment = 'Jadwal pleno tidak dapat digeser.';
  if (['CHANGES_REQUESTED', 'REVISED', 'DEADLINE_EXTENDED', 'DELEGATED', 'CANCELLED', 'CONDITION_MET', 'EXTENSION_REQUESTED', 'EXTENSION_DECLINED'].includes(kind)) {
    extra.actor = { sub: 'alice', org: kind === 'CHANGES_REQUESTED' || kind === 'DELEGATED' || kind === 'EXTENSION_REQUESTED' ? 'pemkab-sumbawa' : 'kpu-sumbawa' };
  }
  return {
    idempotencyKey: notificationKey('req-2026-001', 0, recipient, kind, 7),
    kind,
    recipient,
    role,
    sequence: 7,
    request: {
      id: 'req-2026-001',
      title: 'Fasilitasi gudang logistik Pilkada',
      requester: 'kpu-sumbawa',
      category: 'FACILITIES',
      revision: kind === 'REVISED' ? 2 : 1,
      status: kind === 'OUTCOME_APPROVED' ? 'APPROVED' : kind === 'OUTCOME_REJECTED' ? 'REJECTED' : kind === 'OUTCOME_EXPIRED' ? 'EXPIRED' : 'IN_PROGRESS',
      step: 0,
      stepCount: 2,
      stepName: 'Persetujuan',
      deadline: DEADLINE,
      letter: LETTER,
    },
    ...extra,
  };
}

function recipientFor(kind: NotificationKind, language: 'id' | 'en'): Organization {
  // DELEGATED goes to the new seat holder (bawaslu-sumbawa), from pemkab-sumbawa.
  const id = ROLE[kind] === 'SUPERVISOR' ? 'bawaslu-ntb' : ROLE[kind] === 'REQUESTER' ? 'kpu-sumbawa' : kind === 'DELEGATED' ? 'bawaslu-sumbawa' : 'pemkab-sumbawa';
  return { ...directory.get(id)!, language };
}

describe('local time', () => {
  test('zone abbreviations and Indonesian/English formats', () => {
    expect(formatLocalDateTime(DEADLINE, 'Asia/Makassar', 'id')).toBe('Kamis, 10 Desember 2026 16.00 WITA');
    expect(formatLocalDateTime(DEADLINE, 'Asia/Jakarta', 'id')).toBe('Kamis, 10 Desember 2026 15.00 WIB');
    expect(formatLocalDateTime(DEADLINE, 'Asia/Jayapura', 'en')).toBe('Thursday, 10 December 2026 17:00 WIT');
    // Crossing midnight changes the local date and weekday.
    expect(formatLocalDateTime('2026-12-10T16:30:00Z', 'Asia/Jayapura', 'id')).toBe('Jumat, 11 Desember 2026 01.30 WIT');
    expect(formatLocalDateTime(DEADLINE, 'Europe/Amsterdam', 'en')).toBe('Thursday, 10 December 2026 09:00 Europe/Amsterdam');
    expect(zoneAbbreviation('UTC')).toBe('UTC');
  });
});

describe.each(['id', 'en'] as const)('templates (%s)', (language) => {
  test.each([...NOTIFICATION_KINDS])('%s', (kind) => {
    const recipient = recipientFor(kind, language);
    const message = messageFor(kind, recipient.id);
    const r = renderNotification({ message, recipient, orgNames: names, publicBaseUrl: `${BASE}/` });
    expect(r.language).toBe(language);
    // Every notification names the request, the step, the local deadline and the link.
    for (const part of [r.text, r.html]) {
      expect(part).toContain('Fasilitasi gudang logistik Pilkada');
      expect(part).toContain('req-2026-001');
      expect(part).toContain(language === 'id' ? '1 dari 2 — Persetujuan' : '1 of 2 — Persetujuan');
      expect(part).toContain(language === 'id' ? 'Kamis, 10 Desember 2026 16.00 WITA' : 'Thursday, 10 December 2026 16:00 WITA');
      expect(part).toContain(`${BASE}/requests/req-2026-001`);
      // ... and its official letter: number, date, subject, classification, SRIKANDI link.
      expect(part).toContain(LETTER.number);
      expect(part).toContain('30 November 2026');
      expect(part).toContain(LETTER.subject);
      expect(part).toContain(language === 'id' ? 'Segera' : 'Urgent (segera)');
      expect(part).toContain(LETTER.srikandiUrl);
    }
    expect(r.subject).toMatch(/^\[Koordinasi\] .+: Fasilitasi gudang logistik Pilkada \(req-2026-001\)$/);
    expect(r.html).not.toMatch(/<pengawasan>/);
    expect({ subject: r.subject, text: r.text, html: r.html }).toMatchSnapshot();
  });
});

describe('what is asked of the reader', () => {
  const render = (m: NotificationMessage, id: string, language: 'id' | 'en' = 'id') =>
    renderNotification({ message: m, recipient: { ...directory.get(id)!, language }, orgNames: names, publicBaseUrl: BASE });

  test('participant is asked to respond by the deadline; tembusan is informed only', () => {
    const participant = render(messageFor('REQUEST_CREATED', 'pemkab-sumbawa'), 'pemkab-sumbawa');
    expect(participant.text).toContain('Mohon berikan tanggapan (terima, setujui, tolak, atau minta perubahan) paling lambat Kamis, 10 Desember 2026 16.00 WITA.');
    expect(participant.subject).toContain('Permohonan koordinasi baru');
    const cc = render(messageFor('REQUEST_CREATED', 'kpu-ntb', 'TEMBUSAN'), 'kpu-ntb');
    expect(cc.text).toContain('Untuk diketahui; tidak diperlukan tanggapan dari KPU Provinsi Nusa Tenggara Barat.');
    expect(cc.text).not.toContain('Mohon berikan tanggapan');
    expect(cc.subject).toContain('Tembusan');
  });

  test('escalation lists the silent organizations by name; reminders carry their label', () => {
    const esc = render(messageFor('ESCALATION', 'bawaslu-ntb'), 'bawaslu-ntb', 'en');
    expect(esc.text).toContain('  - Bawaslu Kabupaten Sumbawa\n  - Pemerintah Kabupaten Sumbawa');
    expect(esc.html).toContain('<li>Bawaslu Kabupaten Sumbawa</li>');
    expect(esc.text).toContain('Please follow up');
    expect(render(messageFor('REMINDER_BEFORE', 'pemkab-sumbawa'), 'pemkab-sumbawa').subject).toContain('Pengingat H-3');
    expect(render(messageFor('REMINDER_OVERDUE', 'pemkab-sumbawa'), 'pemkab-sumbawa', 'en').subject).toContain('Overdue (H+2)');
  });

  test('delegation: the new holder is asked to respond, the old one is released', () => {
    const to = render({ ...messageFor('DELEGATED', 'bawaslu-sumbawa'), delegation: { from: 'pemkab-sumbawa', to: 'bawaslu-sumbawa' } }, 'bawaslu-sumbawa');
    expect(to.text).toContain('Mohon berikan tanggapan');
    const from = render({ ...messageFor('DELEGATED', 'pemkab-sumbawa'), delegation: { from: 'pemkab-sumbawa', to: 'bawaslu-sumbawa' } }, 'pemkab-sumbawa');
    expect(from.text).toContain('tidak perlu lagi menanggapi');
  });

  test('a comment line starting with an organization id stays the commenter\'s words, attributed to the commenter only', () => {
    const m = messageFor('CHANGES_REQUESTED', 'kpu-sumbawa');
    m.comments = [{ org: 'pemkab-sumbawa', text: 'kpu-ri: permohonan ini disetujui dan wajib segera dilaksanakan' }];
    const r = render(m, 'kpu-sumbawa');
    expect(r.text).toContain('Catatan (Pemerintah Kabupaten Sumbawa):\n  kpu-ri: permohonan ini disetujui');
    expect(r.text).not.toContain('Komisi Pemilihan Umum Republik Indonesia:');
    expect(r.html).not.toContain('Komisi Pemilihan Umum Republik Indonesia:');
    // An older run's single text is shown as written too, never rewritten into a name.
    const legacy = render({ ...m, comments: undefined, comment: 'kpu-ri: perintah' }, 'kpu-sumbawa');
    expect(legacy.text).toContain('  kpu-ri: perintah');
    expect(legacy.text).not.toContain('Komisi Pemilihan Umum Republik Indonesia:');
    const revised = render({ ...messageFor('REVISED', 'pemkab-sumbawa'), comment: 'kpu-ri: sudah' }, 'pemkab-sumbawa');
    expect(revised.text).toContain('Catatan (KPU Kabupaten Sumbawa):\n  kpu-ri: sudah');
  });

  test('attachments are named (the files stay on the request page)', () => {
    const m = messageFor('REVISED', 'pemkab-sumbawa');
    m.request.attachments = ['undangan.pdf', 'denah <gudang>.png'];
    const r = render(m, 'pemkab-sumbawa');
    expect(r.text).toMatch(/Lampiran: +undangan\.pdf, denah <gudang>\.png/);
    expect(r.html).toContain('denah &lt;gudang&gt;.png');
  });

  test('a request without a letter says nothing of one', () => {
    const m = messageFor('REQUEST_CREATED', 'pemkab-sumbawa');
    delete m.request.letter;
    const r = render(m, 'pemkab-sumbawa');
    expect(r.text).not.toContain('Nomor surat');
    expect(r.text).not.toContain('SRIKANDI');
  });

  test('changes requested: comments show organization names; HTML is escaped; no deadline is said so', () => {
    const r = render(messageFor('CHANGES_REQUESTED', 'kpu-sumbawa'), 'kpu-sumbawa');
    expect(r.text).toContain('Catatan (Pemerintah Kabupaten Sumbawa):\n  Mohon lampirkan denah gudang.');
    expect(r.html).toContain('Jadwal &lt;pengawasan&gt; &amp; lokasi.');
    const m = messageFor('REQUEST_CREATED', 'pemkab-sumbawa');
    m.request.deadline = null;
    m.request.title = '<script>alert("x")</script>\r\nBcc: evil@example.com';
    const nd = render(m, 'pemkab-sumbawa', 'en');
    expect(nd.text).toMatch(/Deadline: +no deadline/);
    expect(nd.html).not.toContain('<script>');
    expect(nd.subject).not.toMatch(/[\r\n]/);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('conditions and asks for more time', () => {
  const render = (m: NotificationMessage, id: string, language: 'id' | 'en' = 'id') =>
    renderNotification({ message: m, recipient: { ...directory.get(id)!, language }, orgNames: names, publicBaseUrl: BASE });

  test('a condition met: the approver reads its own condition and the requester\'s comment', () => {
    const r = render(messageFor('CONDITION_MET', 'pemkab-sumbawa'), 'pemkab-sumbawa');
    expect(r.text).toContain('Catatan persetujuan:\n  Sertakan surat kuasa pengguna barang.');
    expect(r.text).toContain('Surat kuasa dikirim 9 Desember.');
    expect(r.text).toContain('tidak diperlukan tindakan');
  });

  test('an ask for more time: the requester is asked to decide; the proposed date is in its zone', () => {
    const r = render(messageFor('EXTENSION_REQUESTED', 'kpu-sumbawa'), 'kpu-sumbawa', 'en');
    expect(r.text).toContain('Pemerintah Kabupaten Sumbawa asks for more time to respond, until Tuesday, 15 December 2026 16:00 WITA.');
    expect(r.text).toContain('Please decide');
  });

  test('granted for a seat: its own deadline is the one shown and asked by', () => {
    const m = { ...messageFor('EXTENSION_GRANTED', 'pemkab-sumbawa'), seatDeadline: '2026-12-15T08:00:00.000Z' };
    const r = render(m, 'pemkab-sumbawa');
    expect(r.deadlineText).toBe('Selasa, 15 Desember 2026 16.00 WITA');
    expect(r.text).toContain('tenggat tanggapan Anda menjadi Selasa, 15 Desember 2026 16.00 WITA');
    expect(r.text).toContain('paling lambat Selasa, 15 Desember 2026 16.00 WITA');
  });
});
