/**
 * Page texts of approval conditions and asks for more time, in both languages (the dictionaries
 * take them as `answers`). Bahasa Indonesia defines the shape; the labels of statuses and decisions
 * come from the domain's one home of labels (src/domain/labels.ts).
 */
import { LABELS } from '../../domain/labels';

const id = {
  conditionsTitle: 'Catatan persetujuan',
  conditionBy: (org: string, step: number) => `dari ${org}, tahap ${step}`,
  conditionOpen: 'Belum dipenuhi',
  conditionMet: 'Dipenuhi',
  conditionLapsed: 'Tidak berlaku lagi (permohonan tidak disetujui)',
  metBy: (org: string) => `dinyatakan dipenuhi oleh ${org}`,
  markMet: 'Tandai dipenuhi',
  metComment: 'Apa yang telah dilakukan',
  conditionsField: 'Catatan persetujuan (opsional, satu per baris; hanya untuk "Setujui")',
  conditionsHint: 'Setuju dengan catatan: tuliskan hal yang masih harus dipenuhi pemohon.',
  waitsForConditions: 'Permohonan disetujui; menunggu catatan persetujuan dipenuhi.',
  openConditionsFilter: 'Catatan belum dipenuhi',
  extensionsTitle: 'Permintaan perpanjangan waktu',
  askTitle: 'Minta perpanjangan waktu',
  askUntil: (zone: string) => `Tenggat yang diminta (${zone})`,
  askReason: 'Alasan',
  askSubmit: 'Kirim permintaan',
  extensionBy: (org: string, until: string) => `${org} meminta sampai ${until}`,
  extensionStatus: LABELS.id.extensionStatuses,
  grantedScope: { SEAT: 'untuk instansi ini', STEP: 'untuk seluruh tahap' },
  decision: 'Keputusan',
  decisions: LABELS.id.extensionDecisions,
  decideReason: 'Alasan (wajib bila menolak)',
  decideSubmit: 'Putuskan',
  seatDeadline: 'tenggat sendiri',
};

export type AnswersDictionary = typeof id;

const en: AnswersDictionary = {
  conditionsTitle: 'Conditions of approval',
  conditionBy: (org, step) => `from ${org}, step ${step}`,
  conditionOpen: 'Open',
  conditionMet: 'Met',
  conditionLapsed: 'No longer owed (the request was not approved)',
  metBy: (org) => `marked met by ${org}`,
  markMet: 'Mark met',
  metComment: 'What was done',
  conditionsField: 'Conditions (optional, one per line; with "Approve" only)',
  conditionsHint: 'Approve with conditions: write what the requester still has to do.',
  waitsForConditions: 'Approved; waiting for its conditions to be met.',
  openConditionsFilter: 'Open conditions',
  extensionsTitle: 'Requests for more time',
  askTitle: 'Ask for more time',
  askUntil: (zone) => `Date asked for (${zone})`,
  askReason: 'Reason',
  askSubmit: 'Send the request',
  extensionBy: (org, until) => `${org} asks until ${until}`,
  extensionStatus: LABELS.en.extensionStatuses,
  grantedScope: { SEAT: 'for this organization', STEP: 'for the whole step' },
  decision: 'Decision',
  decisions: LABELS.en.extensionDecisions,
  decideReason: 'Reason (required to decline)',
  decideSubmit: 'Decide',
  seatDeadline: 'own deadline',
};

export const ANSWERS_TEXT = { id, en };
