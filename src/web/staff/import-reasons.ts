import type { ImportError, ImportReasonCode } from '../../imports/import-summary';
import type { MessageKey, Translator } from '../../i18n/i18n.service';

/** The message of each reason code the import check gives (its values are the reason's params). */
const MESSAGES: Record<ImportReasonCode, MessageKey> = {
  required: 'staff.import.reason.required',
  noPlan: 'staff.import.reason.noPlan',
  noIndicator: 'staff.import.reason.noIndicator',
  otherOrganization: 'staff.import.reason.otherOrganization',
  notNumber: 'staff.import.reason.notNumber',
  periodFormat: 'staff.import.reason.periodFormat',
  outOfRange: 'staff.import.reason.outOfRange',
  notStarted: 'staff.import.reason.notStarted',
  repeats: 'staff.import.reason.repeats',
  locale: 'staff.import.reason.locale',
};

/**
 * An import check's reason in the reader's language, chosen by its reason code. A reason
 * without one (a rule of the API's input, say) is shown as the check wrote it, marked as
 * English by the page.
 */
export function translateImportReason(t: Translator['t'], error: Pick<ImportError, 'reason' | 'why'>): { text: string; translated: boolean } {
  if (!error.why) return { text: error.reason, translated: false };
  return { text: t(MESSAGES[error.why.code], error.why.params), translated: true };
}
