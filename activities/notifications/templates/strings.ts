/**
 * Wording of notifications in Bahasa Indonesia (default) and English. Every function returns plain
 * text; escaping for HTML happens once, in render.ts. Labels of categories and letter
 * classifications come from src/domain/labels.ts, the one home the pages use too.
 */
import { LABELS } from '../../../src/domain/labels';
import type { Category, LetterClassification, NotificationKind } from '../../../src/domain/types';
import type { Language } from '../../../src/domain/localTime';
import { ANSWERS_WORDING } from './answersStrings';

export interface Wording {
  appName: string;
  subject: Record<NotificationKind, (a: { label?: string; revision: number; tembusan: boolean }) => string>;
  greeting: (recipient: string) => string;
  labels: {
    request: string;
    requester: string;
    category: string;
    step: string;
    deadline: string;
    reminder: string;
    revision: string;
    comment: string;
    silent: string;
    actedBy: string;
    letterNumber: string;
    letterDate: string;
    letterSubject: string;
    letterClassification: string;
    srikandi: string;
    attachments: string;
  };
  classifications: Record<LetterClassification, string>;
  stepOf: (n: number, total: number, name: string) => string;
  noDeadline: string;
  categories: Record<Category, string>;
  headline: {
    created: (requester: string, recipient: string, tembusan: boolean) => string;
    reminderBefore: (label: string, recipient: string) => string;
    reminderDue: (recipient: string) => string;
    reminderOverdue: (label: string, recipient: string) => string;
    escalation: (requester: string) => string;
    changesRequested: string;
    revised: (requester: string, revision: number) => string;
    deadlineExtended: (deadline: string) => string;
    stageMoved: (stage: string, date: string, deadline: string) => string;
    delegated: (from: string, to: string) => string;
    cancelled: (requester: string) => string;
    approved: string;
    rejected: (step: number) => string;
    expired: string;
  };
  ask: {
    respondBy: (deadline: string) => string;
    respond: string;
    respondNow: string;
    informedOnly: (recipient: string) => string;
    supervisor: string;
    revise: string;
    delegatedAway: string;
    noAction: string;
  };
  link: string;
  footer: (key: string) => string;
}

const id: Wording = {
  appName: 'Koordinasi',
  subject: {
    REQUEST_CREATED: ({ tembusan }) => (tembusan ? 'Tembusan permohonan koordinasi' : 'Permohonan koordinasi baru'),
    REMINDER_BEFORE: ({ label }) => `Pengingat ${label ?? ''}`.trim(),
    REMINDER_DUE: ({ label }) => `Tenggat hari ini (${label ?? 'H'})`,
    REMINDER_OVERDUE: ({ label }) => `Lewat tenggat${label ? ` (${label})` : ''}`,
    ESCALATION: () => 'Eskalasi (belum ada tanggapan)',
    CHANGES_REQUESTED: () => 'Permintaan perubahan',
    REVISED: ({ revision }) => `Revisi ke-${revision}`,
    DEADLINE_EXTENDED: () => 'Tenggat diperpanjang',
    STAGE_DEADLINE_MOVED: () => 'Tenggat berubah mengikuti jadwal tahapan',
    DELEGATED: () => 'Pelimpahan tanggapan',
    CANCELLED: () => 'Permohonan dibatalkan',
    OUTCOME_APPROVED: () => 'Permohonan disetujui',
    OUTCOME_REJECTED: () => 'Permohonan ditolak',
    OUTCOME_EXPIRED: () => 'Permohonan kedaluwarsa',
    ...ANSWERS_WORDING.id.subject,
  },
  greeting: (r) => `Yth. ${r},`,
  labels: {
    request: 'Permohonan',
    requester: 'Pemohon',
    category: 'Kategori',
    step: 'Tahap',
    deadline: 'Tenggat',
    reminder: 'Pengingat',
    revision: 'Revisi',
    comment: 'Catatan',
    silent: 'Belum menanggapi',
    actedBy: 'Oleh',
    letterNumber: 'Nomor surat',
    letterDate: 'Tanggal surat',
    letterSubject: 'Perihal',
    letterClassification: 'Sifat',
    srikandi: 'SRIKANDI',
    attachments: 'Lampiran',
  },
  classifications: LABELS.id.letterClassifications,
  stepOf: (n, total, name) => `${n} dari ${total}${name ? ` — ${name}` : ''}`,
  noDeadline: 'tidak ada tenggat',
  categories: LABELS.id.categories,
  headline: {
    created: (req, rec, tembusan) =>
      tembusan
        ? `${req} mengajukan permohonan koordinasi berikut; ${rec} menerima tembusannya.`
        : `${req} mengajukan permohonan koordinasi berikut kepada ${rec}.`,
    reminderBefore: (label, rec) => `Pengingat ${label}: tanggapan ${rec} atas permohonan koordinasi berikut belum kami terima.`,
    reminderDue: (rec) => `Hari ini adalah batas waktu tanggapan, dan tanggapan ${rec} atas permohonan koordinasi berikut belum kami terima.`,
    reminderOverdue: (label, rec) => `Batas waktu tanggapan telah lewat (${label}), dan tanggapan ${rec} atas permohonan koordinasi berikut belum kami terima.`,
    escalation: (req) => `Permohonan koordinasi dari ${req} berikut telah melewati tenggat tanpa tanggapan dari organisasi di bawah ini.`,
    changesRequested: 'Peserta meminta perubahan atas permohonan koordinasi Anda berikut.',
    revised: (req, rev) => `${req} telah menyampaikan revisi ke-${rev} atas permohonan koordinasi berikut.`,
    deadlineExtended: (d) => `Tenggat tahap ini diperpanjang menjadi ${d}.`,
    stageMoved: (stage, date, d) => `Jadwal tahapan pemilihan direvisi: tahapan ${stage} kini jatuh pada ${date}, sehingga tenggat tahap ini berubah menjadi ${d}.`,
    delegated: (from, to) => `Tanggapan ${from} pada tahap ini dilimpahkan kepada ${to}.`,
    cancelled: (req) => `${req} membatalkan permohonan koordinasi berikut.`,
    approved: 'Permohonan koordinasi berikut telah disetujui.',
    rejected: (n) => `Permohonan koordinasi berikut ditolak pada tahap ${n}.`,
    expired: 'Permohonan koordinasi berikut kedaluwarsa karena tidak selesai sebelum batas waktunya.',
  },
  ask: {
    respondBy: (d) => `Mohon berikan tanggapan (terima, setujui, tolak, atau minta perubahan) paling lambat ${d}.`,
    respond: 'Mohon berikan tanggapan (terima, setujui, tolak, atau minta perubahan).',
    respondNow: 'Mohon segera berikan tanggapan (terima, setujui, tolak, atau minta perubahan).',
    informedOnly: (rec) => `Untuk diketahui; tidak diperlukan tanggapan dari ${rec}.`,
    supervisor: 'Mohon bantuan untuk menindaklanjuti dengan organisasi tersebut agar segera memberikan tanggapan.',
    revise: 'Mohon sampaikan revisi permohonan, atau batalkan permohonan bila tidak dilanjutkan.',
    delegatedAway: 'Organisasi Anda tidak perlu lagi menanggapi tahap ini.',
    noAction: 'Untuk diketahui; tidak diperlukan tindakan lebih lanjut.',
  },
  link: 'Lihat permohonan',
  footer: (key) => `Pesan ini dikirim otomatis oleh Koordinasi. Kode pesan: ${key}`,
};

const en: Wording = {
  appName: 'Koordinasi',
  subject: {
    REQUEST_CREATED: ({ tembusan }) => (tembusan ? 'Copy (tembusan) of a coordination request' : 'New coordination request'),
    REMINDER_BEFORE: ({ label }) => `Reminder ${label ?? ''}`.trim(),
    REMINDER_DUE: ({ label }) => `Due today (${label ?? 'H'})`,
    REMINDER_OVERDUE: ({ label }) => `Overdue${label ? ` (${label})` : ''}`,
    ESCALATION: () => 'Escalation (no response)',
    CHANGES_REQUESTED: () => 'Changes requested',
    REVISED: ({ revision }) => `Revision ${revision}`,
    DEADLINE_EXTENDED: () => 'Deadline extended',
    STAGE_DEADLINE_MOVED: () => 'Deadline moved with the election schedule',
    DELEGATED: () => 'Response delegated',
    CANCELLED: () => 'Request cancelled',
    OUTCOME_APPROVED: () => 'Request approved',
    OUTCOME_REJECTED: () => 'Request rejected',
    OUTCOME_EXPIRED: () => 'Request expired',
    ...ANSWERS_WORDING.en.subject,
  },
  greeting: (r) => `Dear ${r},`,
  labels: {
    request: 'Request',
    requester: 'Requester',
    category: 'Category',
    step: 'Step',
    deadline: 'Deadline',
    reminder: 'Reminder',
    revision: 'Revision',
    comment: 'Comment',
    silent: 'No response from',
    actedBy: 'By',
    letterNumber: 'Letter number',
    letterDate: 'Letter date',
    letterSubject: 'Subject (perihal)',
    letterClassification: 'Classification',
    srikandi: 'SRIKANDI',
    attachments: 'Attachments',
  },
  classifications: LABELS.en.letterClassifications,
  stepOf: (n, total, name) => `${n} of ${total}${name ? ` — ${name}` : ''}`,
  noDeadline: 'no deadline',
  categories: LABELS.en.categories,
  headline: {
    created: (req, rec, tembusan) =>
      tembusan
        ? `${req} has submitted the following coordination request; ${rec} receives a copy (tembusan).`
        : `${req} has submitted the following coordination request to ${rec}.`,
    reminderBefore: (label, rec) => `Reminder ${label}: we have not yet received the response of ${rec} to the following coordination request.`,
    reminderDue: (rec) => `Today is the deadline, and we have not yet received the response of ${rec} to the following coordination request.`,
    reminderOverdue: (label, rec) => `The deadline has passed (${label}), and we have not yet received the response of ${rec} to the following coordination request.`,
    escalation: (req) => `The following coordination request from ${req} is past its deadline without a response from the organizations below.`,
    changesRequested: 'A participant has asked for changes to your following coordination request.',
    revised: (req, rev) => `${req} has submitted revision ${rev} of the following coordination request.`,
    deadlineExtended: (d) => `The deadline of this step has been extended to ${d}.`,
    stageMoved: (stage, date, d) => `The election schedule was revised: stage ${stage} now falls on ${date}, so the deadline of this step is now ${d}.`,
    delegated: (from, to) => `The response of ${from} in this step has been delegated to ${to}.`,
    cancelled: (req) => `${req} has cancelled the following coordination request.`,
    approved: 'The following coordination request has been approved.',
    rejected: (n) => `The following coordination request was rejected at step ${n}.`,
    expired: 'The following coordination request has expired: it was not completed before its time limit.',
  },
  ask: {
    respondBy: (d) => `Please respond (acknowledge, approve, reject or request changes) by ${d}.`,
    respond: 'Please respond (acknowledge, approve, reject or request changes).',
    respondNow: 'Please respond (acknowledge, approve, reject or request changes) as soon as possible.',
    informedOnly: (rec) => `For your information; no response is needed from ${rec}.`,
    supervisor: 'Please follow up with these organizations so that they respond promptly.',
    revise: 'Please submit a revision of the request, or cancel it if it will not go ahead.',
    delegatedAway: 'Your organization no longer needs to respond in this step.',
    noAction: 'For your information; no further action is needed.',
  },
  link: 'View the request',
  footer: (key) => `This message was sent automatically by Koordinasi. Message code: ${key}`,
};

export const WORDING: Record<Language, Wording> = { id, en };
