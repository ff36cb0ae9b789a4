import type { ImportError } from '../../imports/import-summary';
import type { Translator } from '../../i18n/i18n.service';

type Values = Record<string, string>;

/**
 * The import check's reasons (English sentences from the shared check the API
 * uses) in the reader's language. A reason no pattern knows is shown as it is,
 * marked as English by the page.
 */
const PATTERNS: { pattern: RegExp; translate: (t: Translator['t'], m: RegExpExecArray) => string }[] = [
  { pattern: /^is required/, translate: (t) => t('staff.import.reason.required') },
  { pattern: /^no action plan has the code (.+)$/, translate: (t, m) => t('staff.import.reason.noPlan', { code: m[1] }) },
  { pattern: /^action plan (\S+) has no indicator (.+)$/, translate: (t, m) => t('staff.import.reason.noIndicator', { plan: m[1], code: m[2] }) },
  { pattern: /acts for another organisation/, translate: (t) => t('staff.import.reason.otherOrganization') },
  { pattern: /^"(.*)" is not a number/, translate: (t, m) => t('staff.import.reason.notNumber', { value: m[1] }) },
  { pattern: /must be a year \(2025\) or a quarter/, translate: (t) => t('staff.import.reason.periodFormat') },
  { pattern: /^must fall within (\d+)-(\d+)/, translate: (t, m) => t('staff.import.reason.outOfRange', { from: m[1], to: m[2] }) },
  { pattern: /^(\S+) has not started yet$/, translate: (t, m) => t('staff.import.reason.notStarted', { period: m[1] }) },
  { pattern: /^repeats row (\d+)/, translate: (t, m) => t('staff.import.reason.repeats', { row: m[1] }) },
  { pattern: /^"(.*)" is not a language/, translate: (t, m) => t('staff.import.reason.locale', { value: m[1] }) },
];

export function translateImportReason(t: Translator['t'], error: Pick<ImportError, 'reason'>): { text: string; translated: boolean } {
  for (const { pattern, translate } of PATTERNS) {
    const match = pattern.exec(error.reason);
    if (match) return { text: translate(t, match), translated: true };
  }
  return { text: error.reason, translated: false };
}

export type { Values };
