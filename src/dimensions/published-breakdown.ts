import { Injectable } from '@nestjs/common';
import type { Indicator } from '../action-plan/indicator.entity';
import { DataVersionService } from '../data-version/data-version.service';
import { PerVersionMemo } from '../data-version/per-version-memo';
import { BreakdownLevel, CellTotal, totalOf, totalsBy } from './breakdown';
import { Dimension, DimensionMember } from './dimension.entity';
import { DimensionsRepository } from './dimensions.repository';
import { shapeOf } from './dimensions.service';
import { IndicatorValueCell } from './indicator-value-cell.entity';

/** The approved breakdown of an indicator's latest period that has one, as the public page shows it. */
export interface PublishedBreakdown {
  period: string;
  /** The indicator's dimensions, in its order (the table's first columns). */
  dimensions: Dimension[];
  /** One row per cell: its member of each dimension (in the dimensions' order) and its figures. */
  rows: { members: (DimensionMember | null)[]; cell: IndicatorValueCell }[];
  /** Per dimension whose members have parents (territory: districts in oblasts): Σ/Σ (or Σ) per parent. */
  parentTotals: { dimension: Dimension; totals: { member: DimensionMember; total: CellTotal }[] }[];
  /** Σ/Σ (or Σ) of every cell. */
  total: CellTotal;
}

/** Reads the published breakdown (DimensionsRepository's statements, breakdown.ts's rules). */
@Injectable()
export class PublishedBreakdownReader {
  /** Which indicators have a breakdown to publish: read once per data version, as most have none. */
  private readonly memo: PerVersionMemo;

  constructor(
    private readonly repository: DimensionsRepository,
    versions: DataVersionService,
  ) {
    this.memo = new PerVersionMemo(versions);
  }

  async latest(indicator: Pick<Indicator, 'id' | 'valueKind' | 'unitCode'>): Promise<PublishedBreakdown | null> {
    const withBreakdowns = await this.memo.get('indicators-with-breakdowns', () => this.repository.indicatorsWithApprovedBreakdowns());
    if (!withBreakdowns.has(indicator.id)) return null;
    const found = await this.repository.latestApprovedBreakdown(indicator.id);
    if (!found) return null;
    const [dimensions, cells] = await Promise.all([this.repository.declaredDimensions(null, indicator.id), this.repository.cellsOf(found.versionId)]);
    const members = await this.repository.membersWithParents([...new Set(cells.flatMap((c) => c.memberIds))]);
    const byId = new Map(members.map((m) => [m.id, m]));
    const shape = shapeOf(indicator);
    const memberIn = (cell: IndicatorValueCell, dimension: Dimension) =>
      cell.memberIds.map((id) => byId.get(id)).find((m) => m?.dimensionId === dimension.id) ?? null;
    const rows = cells
      .map((cell) => ({ members: dimensions.map((d) => memberIn(cell, d)), cell }))
      .sort((a, b) => {
        for (let i = 0; i < dimensions.length; i++) {
          const diff = (a.members[i]?.ordering ?? 0) - (b.members[i]?.ordering ?? 0);
          if (diff) return diff;
        }
        return 0;
      });
    const parentTotals = dimensions
      .filter((d) => cells.some((c) => memberIn(c, d)?.parentId))
      .map((dimension) => ({
        dimension,
        totals: totalsBy(cells, byId, dimension.id, BreakdownLevel.PARENT, shape).map(({ memberId, total }) => ({ member: byId.get(memberId) as DimensionMember, total })),
      }));
    return { period: found.period, dimensions, rows, parentTotals, total: totalOf(cells, shape) };
  }
}
