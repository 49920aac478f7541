/**
 * Wording of the notifications about conditions of an approval and asks for more time, in Bahasa
 * Indonesia and English (kept beside strings.ts so each feature's texts have one home).
 */
import type { Language } from '../../../src/domain/localTime';

export type AnswersKind = 'CONDITION_MET' | 'EXTENSION_REQUESTED' | 'EXTENSION_GRANTED' | 'EXTENSION_DECLINED';

export interface AnswersWording {
  subject: Record<AnswersKind, () => string>;
  headline: {
    conditionMet: (requester: string) => string;
    extensionRequested: (org: string, until: string) => string;
    extensionGrantedSeat: (until: string) => string;
    extensionGrantedStep: (until: string) => string;
    extensionDeclined: (requester: string) => string;
  };
  labels: { condition: string; proposed: string };
  decide: string;
}

const id: AnswersWording = {
  subject: {
    CONDITION_MET: () => 'Catatan persetujuan dipenuhi',
    EXTENSION_REQUESTED: () => 'Permintaan perpanjangan waktu',
    EXTENSION_GRANTED: () => 'Perpanjangan waktu disetujui',
    EXTENSION_DECLINED: () => 'Perpanjangan waktu ditolak',
  },
  headline: {
    conditionMet: (req) => `${req} menyatakan catatan yang Anda berikan pada persetujuan permohonan berikut telah dipenuhi.`,
    extensionRequested: (org, until) => `${org} meminta perpanjangan waktu tanggapan sampai ${until}.`,
    extensionGrantedSeat: (until) => `Permintaan perpanjangan waktu Anda disetujui: tenggat tanggapan Anda menjadi ${until}.`,
    extensionGrantedStep: (until) => `Permintaan perpanjangan waktu Anda disetujui untuk seluruh tahap: tenggat menjadi ${until}.`,
    extensionDeclined: (req) => `${req} menolak permintaan perpanjangan waktu Anda; tenggat tetap.`,
  },
  labels: { condition: 'Catatan persetujuan', proposed: 'Tenggat yang diminta' },
  decide: 'Mohon putuskan: setujui untuk instansi ini saja, untuk seluruh tahap, atau tolak dengan alasan.',
};

const en: AnswersWording = {
  subject: {
    CONDITION_MET: () => 'Condition of approval met',
    EXTENSION_REQUESTED: () => 'Request for more time',
    EXTENSION_GRANTED: () => 'More time granted',
    EXTENSION_DECLINED: () => 'More time declined',
  },
  headline: {
    conditionMet: (req) => `${req} reports that the condition you set when approving the following request has been met.`,
    extensionRequested: (org, until) => `${org} asks for more time to respond, until ${until}.`,
    extensionGrantedSeat: (until) => `Your request for more time was granted: your response is now due by ${until}.`,
    extensionGrantedStep: (until) => `Your request for more time was granted for the whole step: the deadline is now ${until}.`,
    extensionDeclined: (req) => `${req} declined your request for more time; the deadline stands.`,
  },
  labels: { condition: 'Condition of approval', proposed: 'Date asked for' },
  decide: 'Please decide: grant it for this organization only, for the whole step, or decline with a reason.',
};

export const ANSWERS_WORDING: Record<Language, AnswersWording> = { id, en };
