import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ActionPlan } from '../action-plan/action-plan.entity';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config.service';
import { assertAllExist } from '../database/assert-exist';
import { RecommendationFilter } from '../recommendations/dto/recommendations.args';
import { ExportContext } from './exporters/export-context';
import { indicatorValuesExport } from './exporters/indicator-values.export';
import { indicatorsExport } from './exporters/indicators.export';
import { recommendationsExport } from './exporters/recommendations.export';
import { statusHistoryExport } from './exporters/status-history.export';
import { PgServerRowSource } from './row-source/pg-server.row-source';
import { RowSource } from './row-source/row-source';
import { writeCsv } from './tabular/csv-writer';
import { TabularExport } from './tabular/tabular-export';
import { writeXlsx } from './tabular/xlsx-writer';

export const EXPORT_NAMES = ['recommendations', 'status-history', 'indicators', 'indicator-values', 'workbook'] as const;
export type ExportName = (typeof EXPORT_NAMES)[number];

export interface ExportOptions {
  filter?: RecommendationFilter | null;
  actionPlanId?: string | null;
  year?: number | null;
}

/**
 * Prepares the exports (checking their parameters against the database before
 * anything is written) and streams them as CSV or XLSX. Used by the HTTP
 * routes and by `npm run export`.
 */
@Injectable()
export class ExportsService {
  private readonly rows: RowSource;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.rows = new PgServerRowSource(db);
  }

  /** `recommendations-2026-11-28.csv`: the date is today's in APP_TIMEZONE. */
  fileName(name: ExportName, extension: 'csv' | 'xlsx'): string {
    return `${name}-${this.clock.today()}.${extension}`;
  }

  /** The tables of an export: one, or all four for the workbook. Throws NOT_FOUND for an unknown plan. */
  async prepare(name: ExportName, options: ExportOptions = {}): Promise<TabularExport[]> {
    const ctx = this.context();
    const planId = options.actionPlanId ?? null;
    if (planId) await assertAllExist(this.db.manager, ActionPlan, [planId], 'actionPlanId');
    const year = options.year ?? Number(ctx.today.slice(0, 4));
    switch (name) {
      case 'recommendations':
        return [recommendationsExport(this.db, options.filter ?? null, ctx)];
      case 'status-history':
        return [statusHistoryExport(ctx)];
      case 'indicators':
        return [await indicatorsExport(this.db, planId, year)];
      case 'indicator-values':
        return [indicatorValuesExport(planId, ctx)];
      case 'workbook':
        return [
          recommendationsExport(this.db, options.filter ?? null, ctx),
          statusHistoryExport(ctx),
          await indicatorsExport(this.db, planId, year),
          indicatorValuesExport(planId, ctx),
        ];
    }
  }

  /** Streams one table as CSV into `out` (left open); returns the number of rows. */
  writeCsv(table: TabularExport, out: Writable): Promise<number> {
    return writeCsv(this.rows, table, out);
  }

  /** Streams the tables as one workbook into `out`, which the workbook ends; returns the number of rows. */
  writeXlsx(tables: readonly TabularExport[], out: Writable): Promise<number> {
    return writeXlsx(this.rows, tables, out);
  }

  private context(): ExportContext {
    return { today: this.clock.today(), timeZone: this.config.get('APP_TIMEZONE') };
  }
}
