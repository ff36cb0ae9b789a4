import { Injectable } from '@nestjs/common';
import { announceValueSubmitted, auditValueWrite } from '../action-plan/indicator-value-writes';
import { NotificationsService } from '../notifications/notifications.service';
import { currentValues, submitVersions } from '../action-plan/indicator-values.repository';
import { IndicatorValue } from '../action-plan/indicator-value.entity';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ContentLocaleService } from '../i18n/content-locales';
import type { Locale } from '../i18n/locales';
import { normalizeTranslations, sameTranslations, Translations } from '../i18n/translations';
import { ImportFile } from './import-file';
import { ImportSummary } from './import-summary';
import { ImportsRepository } from './imports.repository';
import { CheckedRow, checkRows } from './indicator-value-rows.check';

export interface ImportOptions {
  dryRun: boolean;
  actor: Actor;
  /** The language of sources and notes in rows without a locale cell (the staff page's, Accept-Language's, --locale); DEFAULT_CONTENT_LOCALE when not given. */
  locale?: Locale;
  /** Why the rows for periods that already have a value correct them; required when any row does. */
  correctionReason?: string | null;
}

/**
 * The row's source and note, written in its locale, over the texts the value
 * already has in the other locales: an import in Russian leaves the English
 * source as it is (an empty cell removes the Russian text only).
 */
function overOtherLocales(row: CheckedRow, existing: IndicatorValue | undefined): CheckedRow {
  if (!existing) return row;
  const merge = (current: Translations | null, given: Translations | null) =>
    normalizeTranslations({ ...(current ?? {}), [row.locale]: given?.[row.locale] });
  return { ...row, source: merge(existing.source, row.source), note: merge(existing.note, row.note) };
}

/** Same value, source and note: recording it again would change nothing but the time stamp. */
function isUnchanged(row: CheckedRow, current: IndicatorValue): boolean {
  return current.value === row.value && sameTranslations(current.source, row.source) && sameTranslations(current.note, row.note);
}

/**
 * Bulk import of indicator values, all or nothing: the rows are checked and
 * recorded in one transaction, and if any row is rejected nothing is written.
 * Each written value is audited like recordIndicatorValue, by the importing token.
 */
@Injectable()
export class IndicatorValuesImportService {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly clock: Clock,
    private readonly auditTrail: AuditService,
    private readonly contentLocales: ContentLocaleService,
    private readonly notifications: NotificationsService,
  ) {}

  importFile(file: ImportFile, options: ImportOptions): Promise<ImportSummary> {
    const today = this.clock.today();
    // Checked inside the transaction that writes, so what was checked is what is written.
    return this.repository.transaction(async (tx) => {
      const locale = options.locale ?? this.contentLocales.defaultLocale;
      const { checked, errors } = await checkRows(this.repository, tx, file.rows, options.actor, today, locale);
      if (errors.length > 0) {
        const rejected = new Set(errors.map((e) => e.row)).size;
        errors.sort((a, b) => a.row - b.row);
        return { dryRun: options.dryRun, imported: 0, updated: 0, unchanged: 0, rejected, errors };
      }
      const current = await currentValues(tx, checked);
      const toWrite = checked
        .map((row) => overOtherLocales(row, current.get(`${row.indicatorId}/${row.period}`)))
        .filter((row) => {
          const existing = current.get(`${row.indicatorId}/${row.period}`);
          return !existing || !isUnchanged(row, existing);
        });
      const corrections = toWrite.filter((row) => current.has(`${row.indicatorId}/${row.period}`));
      const updated = corrections.length;
      const correctionReason = options.correctionReason?.trim() || null;
      if (updated > 0 && !correctionReason) {
        // Nothing is overwritten: a correction is a new version, and says why.
        const reasonErrors = corrections.map((row) => ({
          row: row.row,
          column: null,
          reason: `${row.period} already has a value (version ${current.get(`${row.indicatorId}/${row.period}`)?.versionNumber}): give the import a correction reason`,
          code: 'CORRECTION_REASON_REQUIRED' as const,
        }));
        return { dryRun: options.dryRun, imported: 0, updated: 0, unchanged: 0, rejected: reasonErrors.length, errors: reasonErrors };
      }
      const summary: ImportSummary = {
        dryRun: options.dryRun,
        imported: toWrite.length - updated,
        updated,
        unchanged: checked.length - toWrite.length,
        rejected: 0,
        errors: [],
      };
      if (options.dryRun) return summary;
      const written = await submitVersions(tx, toWrite, { name: options.actor.name, userId: options.actor.userId ?? null }, correctionReason);
      for (const after of written) {
        await auditValueWrite(this.auditTrail, tx, options.actor, current.get(`${after.value.indicatorId}/${after.value.period}`) ?? null, after);
        await announceValueSubmitted(this.notifications, tx, options.actor, after);
      }
      return summary;
    });
  }
}
