/**
 * The one home of every label people read for a value of the domain's enums, in Bahasa Indonesia
 * and English: mails (activities/notifications/templates) and pages (src/web/i18n) both take their
 * words from here, so a category or a status is called the same in a mail and on the page it links
 * to. Webhooks carry the codes, never labels (their receivers translate). Pure data: activities
 * and src/web may both import it (eslint.config.mjs).
 *
 * Where mails and pages once differed, the choice and its reason:
 * - ALIGNMENT is "Penyamaan persepsi", the name the election bodies give these meetings in their
 *   own letters and agendas ("rapat koordinasi penyamaan persepsi"); "Penyelarasan" is a generic
 *   word for harmonising texts or plans, not the meeting a request asks for.
 * - ETHICS is "Etik", as in "kode etik" and "pelanggaran kode etik penyelenggara pemilu", the
 *   wording of DKPP and the election laws; "Etika" is the discipline (ethics as a field of study).
 */
import type { ExtensionDecision } from './extensions';
import type { LetterClassification } from './letter';
import type { Language } from './localTime';
import type { OrgKind, OrgLevel } from './organizations';
import type { Category, Decision, ExtensionStatus, ParticipantStatus, RequestStatus, StepStatus } from './request';
import type { TimelineKind } from './timeline';
import { TIMELINE_LABELS } from './timelineLabels';

export interface Labels {
  categories: Record<Category, string>;
  requestStatuses: Record<RequestStatus, string>;
  participantStatuses: Record<ParticipantStatus, string>;
  stepStatuses: Record<StepStatus, string>;
  /** Decisions as the answer form offers them (imperative: what the button does). */
  decisions: Record<Decision, string>;
  letterClassifications: Record<LetterClassification, string>;
  orgKinds: Record<OrgKind, string>;
  orgLevels: Record<OrgLevel, string>;
  timeline: Record<TimelineKind, string>;
  extensionStatuses: Record<ExtensionStatus, string>;
  extensionDecisions: Record<ExtensionDecision, string>;
}

const id: Labels = {
  categories: {
    FACILITIES: 'Fasilitas',
    BUDGET: 'Anggaran',
    PERSONNEL: 'Personel',
    SECURITY: 'Keamanan',
    SUPERVISION: 'Pengawasan',
    ALIGNMENT: 'Penyamaan persepsi',
    ETHICS: 'Etik',
    DATA: 'Data',
    OUTREACH: 'Sosialisasi',
    OTHER: 'Lainnya',
  },
  requestStatuses: { IN_PROGRESS: 'Berjalan', CHANGES_REQUESTED: 'Perlu perubahan', APPROVED: 'Disetujui', REJECTED: 'Ditolak', CANCELLED: 'Dibatalkan', EXPIRED: 'Kedaluwarsa' },
  participantStatuses: { PENDING: 'Belum menanggapi', ACKNOWLEDGED: 'Sudah membaca', APPROVED: 'Setuju', REJECTED: 'Menolak', CHANGES_REQUESTED: 'Minta perubahan' },
  stepStatuses: { WAITING: 'Menunggu', ACTIVE: 'Aktif', CHANGES_REQUESTED: 'Perlu perubahan', APPROVED: 'Disetujui', REJECTED: 'Ditolak', CLOSED: 'Ditutup' },
  decisions: { ACKNOWLEDGE: 'Tandai sudah dibaca', APPROVE: 'Setujui', REJECT: 'Tolak', REQUEST_CHANGES: 'Minta perubahan' },
  letterClassifications: { BIASA: 'Biasa', SEGERA: 'Segera', SANGAT_SEGERA: 'Sangat segera' },
  orgKinds: { KPU: 'KPU', BAWASLU: 'Bawaslu', PEMDA: 'Pemerintah daerah', DKPP: 'DKPP', POLRI: 'Kepolisian', KEJAKSAAN: 'Kejaksaan', ORMAS: 'Organisasi kemasyarakatan', OTHER: 'Lainnya' },
  orgLevels: { NATIONAL: 'Pusat', PROVINCE: 'Provinsi', REGENCY: 'Kabupaten/kota' },
  timeline: TIMELINE_LABELS.id,
  extensionStatuses: { PENDING: 'Menunggu keputusan', GRANTED: 'Disetujui', DECLINED: 'Ditolak', LAPSED: 'Gugur (tidak diperlukan lagi)' },
  extensionDecisions: { GRANT_SEAT: 'Setujui untuk instansi ini saja', GRANT_STEP: 'Setujui untuk seluruh tahap', DECLINE: 'Tolak' },
};

const en: Labels = {
  categories: {
    FACILITIES: 'Facilities',
    BUDGET: 'Budget',
    PERSONNEL: 'Personnel',
    SECURITY: 'Security',
    SUPERVISION: 'Supervision',
    // The Indonesian term in brackets, as with the letter classifications: it names a known meeting.
    ALIGNMENT: 'Alignment (penyamaan persepsi)',
    ETHICS: 'Ethics',
    DATA: 'Data',
    OUTREACH: 'Outreach',
    OTHER: 'Other',
  },
  requestStatuses: { IN_PROGRESS: 'In progress', CHANGES_REQUESTED: 'Changes requested', APPROVED: 'Approved', REJECTED: 'Rejected', CANCELLED: 'Cancelled', EXPIRED: 'Expired' },
  participantStatuses: { PENDING: 'Not answered', ACKNOWLEDGED: 'Read', APPROVED: 'Approved', REJECTED: 'Rejected', CHANGES_REQUESTED: 'Asked for changes' },
  stepStatuses: { WAITING: 'Waiting', ACTIVE: 'Active', CHANGES_REQUESTED: 'Changes requested', APPROVED: 'Approved', REJECTED: 'Rejected', CLOSED: 'Closed' },
  decisions: { ACKNOWLEDGE: 'Mark as read', APPROVE: 'Approve', REJECT: 'Reject', REQUEST_CHANGES: 'Request changes' },
  letterClassifications: { BIASA: 'Ordinary (biasa)', SEGERA: 'Urgent (segera)', SANGAT_SEGERA: 'Very urgent (sangat segera)' },
  orgKinds: { KPU: 'KPU', BAWASLU: 'Bawaslu', PEMDA: 'Local government', DKPP: 'DKPP', POLRI: 'Police', KEJAKSAAN: 'Prosecutors', ORMAS: 'Civic organizations', OTHER: 'Other' },
  orgLevels: { NATIONAL: 'National', PROVINCE: 'Province', REGENCY: 'Regency/city' },
  timeline: TIMELINE_LABELS.en,
  extensionStatuses: { PENDING: 'Waiting for a decision', GRANTED: 'Granted', DECLINED: 'Declined', LAPSED: 'Lapsed (no longer needed)' },
  extensionDecisions: { GRANT_SEAT: 'Grant for this organization only', GRANT_STEP: 'Grant for the whole step', DECLINE: 'Decline' },
};

export const LABELS: Record<Language, Labels> = { id, en };
