import { Injectable } from '@nestjs/common';
import { announceValueSubmitted, auditValueWrite, valueSubmittedEvent } from '../action-plan/indicator-value-writes';
import { PublicEventsService } from '../public-events/public-events.service';
import { NotificationsService } from '../notifications/notifications.service';
import { currentValues, submitVersions } from '../action-plan/indicator-values.repository';
import { IndicatorValue } from '../action-plan/indicator-value.entity';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ContentLocaleService } from '../i18n/content-locales';
import type { Locale } from '../i18n/locales';
import { normalizeTranslations, sameTranslations, Translations } from '../i18n/translations';
import { DimensionsRepository } from '../dimensions/dimensions.repository';
import { LOCALES } from '../i18n/locales';
import { checkBreakdowns, headRow, splitBreakdowns } from './breakdown-rows.check';
import { headerKey, ImportFile } from './import-file';
import { ImportFileLimits, readImportFile } from './read-import-file';
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
 * A value broken down by dimensions comes as one row per combination of members
 * (breakdown-rows.check.ts) and is written as one version with its cells.
 * Each written value is audited like recordIndicatorValue, by the importing token.
 */
@Injectable()
export class IndicatorValuesImportService {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly clock: Clock,
    private readonly auditTrail: AuditService,
    private readonly contentLocales: ContentLocaleService,
    private readonly dimensions: DimensionsRepository,
    private readonly notifications: NotificationsService,
    private readonly publicEvents: PublicEventsService,
  ) {}

  /** Reads an uploaded file (readImportFile) with the columns the dimensions may be named by in it. */
  async readFile(buffer: Buffer, limits: Omit<ImportFileLimits, 'dimensions'>): Promise<ImportFile> {
    const columns = new Map<string, string>();
    for (const d of await this.dimensions.dimensionNames()) {
      columns.set(headerKey(d.code), d.code);
      for (const locale of LOCALES) if (d.name[locale]) columns.set(headerKey(d.name[locale] ?? ''), d.code);
    }
    return readImportFile(buffer, { ...limits, dimensions: columns });
  }

  importFile(file: ImportFile, options: ImportOptions): Promise<ImportSummary> {
    const today = this.clock.today();
    // Checked inside the transaction that writes, so what was checked is what is written.
    return this.repository.transaction(async (tx) => {
      const locale = options.locale ?? this.contentLocales.defaultLocale;
      // A breakdown's rows stand in the value checks as one row (its total row, else its first).
      const { plain, groups } = splitBreakdowns(file.rows);
      const heads = groups.map(headRow);
      const headRows = new Set(heads.map((h) => h.row));
      const { checked: all, errors } = await checkRows(this.repository, tx, [...plain, ...heads], options.actor, today, locale);
      const checked = all.filter((row) => !headRows.has(row.row));
      const breakdowns = await checkBreakdowns(this.dimensions, tx, groups, new Map(all.filter((row) => headRows.has(row.row)).map((row) => [row.row, row])));
      errors.push(...breakdowns.errors);
      if (errors.length > 0) {
        const rejected = new Set(errors.map((e) => e.row)).size;
        errors.sort((a, b) => a.row - b.row);
        return { dryRun: options.dryRun, imported: 0, updated: 0, unchanged: 0, rejected, errors };
      }
      const current = await currentValues(tx, [...checked, ...breakdowns.checked.map((b) => b.value)]);
      const keyOf = (row: { indicatorId: string; period: string }) => `${row.indicatorId}/${row.period}`;
      const toWrite = checked
        .map((row) => overOtherLocales(row, current.get(keyOf(row))))
        .filter((row) => {
          const existing = current.get(keyOf(row));
          return !existing || !isUnchanged(row, existing);
        });
      // A breakdown is always a new version: its cells are what it records.
      const broken = breakdowns.checked.map((b) => ({ ...b, value: overOtherLocales(b.value, current.get(keyOf(b.value))) }));
      const values = [...toWrite, ...broken.map((b) => b.value)];
      const corrections = values.filter((row) => current.has(keyOf(row)));
      const updated = corrections.length;
      const correctionReason = options.correctionReason?.trim() || null;
      if (updated > 0 && !correctionReason) {
        // Nothing is overwritten: a correction is a new version, and says why.
        const reasonErrors = corrections.map((row) => ({
          row: row.row,
          column: null,
          reason: `${row.period} already has a value (version ${current.get(keyOf(row))?.versionNumber}): give the import a correction reason`,
          code: 'CORRECTION_REASON_REQUIRED' as const,
        }));
        return { dryRun: options.dryRun, imported: 0, updated: 0, unchanged: 0, rejected: reasonErrors.length, errors: reasonErrors };
      }
      const summary: ImportSummary = {
        dryRun: options.dryRun,
        imported: values.length - updated,
        updated,
        unchanged: checked.length - toWrite.length,
        rejected: 0,
        errors: [],
      };
      if (options.dryRun) return summary;
      const cellsOf = new Map(broken.map((b) => [keyOf(b.value), b.cells]));
      const written = await submitVersions(tx, values, { name: options.actor.name, userId: options.actor.userId ?? null }, correctionReason);
      for (const after of written) {
        const cells = cellsOf.get(keyOf(after.value));
        if (cells) await this.dimensions.insertCells(tx, after.version.id, cells);
        await auditValueWrite(this.auditTrail, tx, options.actor, current.get(keyOf(after.value)) ?? null, after, cells);
        await announceValueSubmitted(this.notifications, tx, options.actor, after);
      }
      // Every reported period is public (not its figure): one statement for all of the import's.
      await this.publicEvents.publishMany(tx, written.map(valueSubmittedEvent));
      return summary;
    });
  }
}
