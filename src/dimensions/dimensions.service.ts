import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TotalSource } from '../action-plan/action-plan.enums';
import { IndicatorValue } from '../action-plan/indicator-value.entity';
import { Indicator } from '../action-plan/indicator.entity';
import { IndicatorsService } from '../action-plan/indicators.service';
import { IndicatorUnit } from '../action-plan/indicator-unit';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { SHORT_TEXT_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { checkCells, CheckedCell, MemberRef, totalOf, ValueShape } from './breakdown';
import { Dimension, DimensionMember } from './dimension.entity';
import { DimensionsRepository } from './dimensions.repository';
import { CreateDimensionInput, CreateDimensionMemberInput, RecordIndicatorValueBreakdownInput, SetIndicatorDimensionsInput } from './dto/dimension.inputs';

/** The combinations of members a breakdown form offers, one row each. */
export interface BreakdownCombinations {
  dimensions: Dimension[];
  rows: DimensionMember[][];
  complete: boolean;
}

/** How an indicator's values are, for the breakdown rules. */
export function shapeOf(indicator: Pick<Indicator, 'valueKind' | 'unitCode'>): ValueShape {
  return { kind: indicator.valueKind, percent: indicator.unitCode === IndicatorUnit.PERCENT };
}

/**
 * Dimensions and breakdowns (issue 24): the reference lists an ADMIN extends, what each
 * indicator is broken down by, and values recorded per combination of members as a new
 * version of the period's value (IndicatorsService.recordValueWithParts: the same scope,
 * corrections and review as a single value). Every write is audited in its transaction.
 */
@Injectable()
export class DimensionsService {
  constructor(
    private readonly repository: DimensionsRepository,
    private readonly indicators: IndicatorsService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Dimension[]> {
    return this.repository.dimensions();
  }

  /** The dimensions an indicator is broken down by, in its order. */
  declaredBy(indicatorId: string): Promise<Dimension[]> {
    return this.repository.declaredDimensions(null, indicatorId);
  }

  /** A new dimension; BAD_USER_INPUT (reason `duplicateCode`) when its code is taken. */
  async createDimension(input: CreateDimensionInput, actor: Actor, locale: Locale): Promise<Dimension> {
    const name = createdTranslations(input, 'name', locale, SHORT_TEXT_MAX, true);
    return this.repository.transaction(async (tx) => {
      const dimension = await this.repository.insertDimension(tx, { code: input.code, name, sdmxConcept: input.sdmxConcept ?? null });
      if (!dimension) throw DomainError.badInput('code', `a dimension ${input.code} exists already`, { reason: 'duplicateCode' });
      await this.audit.record(tx, { actor, action: 'dimension.create', entityType: 'Dimension', entityId: dimension.id, before: null, after: dimension });
      return dimension;
    });
  }

  /**
   * A new member of a dimension. NOT_FOUND for an unknown dimension; BAD_USER_INPUT with reason
   * `unknownParent` for a parent the dimension does not have, `duplicateCode` for a code it has.
   */
  async createMember(input: CreateDimensionMemberInput, actor: Actor, locale: Locale): Promise<DimensionMember> {
    const name = createdTranslations(input, 'name', locale, SHORT_TEXT_MAX, true);
    return this.repository.transaction(async (tx) => {
      const dimension = await this.repository.dimensionByCode(tx, input.dimensionCode);
      if (!dimension) {
        throw new DomainError(ErrorCode.NOT_FOUND, `dimensionCode: no dimension ${input.dimensionCode}`, { field: 'dimensionCode', dimensionCode: input.dimensionCode });
      }
      let parentId: string | null = null;
      if (input.parentCode) {
        const parent = await this.repository.memberByCode(tx, dimension.id, input.parentCode);
        if (!parent) throw DomainError.badInput('parentCode', `${dimension.code} has no member ${input.parentCode}`, { reason: 'unknownParent' });
        parentId = parent.id;
      }
      const member = await this.repository.insertMember(tx, {
        dimensionId: dimension.id,
        code: input.code,
        name,
        parentId,
        officialCode: input.officialCode ?? null,
        sdmxCode: input.sdmxCode ?? null,
        ordering: input.ordering ?? null,
      });
      if (!member) throw DomainError.badInput('code', `${dimension.code} has a member ${input.code} already`, { reason: 'duplicateCode' });
      await this.audit.record(tx, { actor, action: 'dimensionMember.create', entityType: 'DimensionMember', entityId: member.id, before: null, after: member });
      return member;
    });
  }

  /**
   * Declares the dimensions an indicator is broken down by (in order), whether the total of a
   * breakdown is recorded or derived, and (optionally) whether its values are ratios. NOT_FOUND
   * for an unknown indicator or dimension; BAD_USER_INPUT (reason `hasBreakdowns`) when the
   * dimensions or the value kind would change while versions of its values have breakdowns.
   */
  async setIndicatorDimensions(input: SetIndicatorDimensionsInput, actor: Actor): Promise<Indicator> {
    return this.repository.transaction(async (tx) => {
      const indicator = await this.indicatorOrFail(tx, input.indicatorId);
      const found = await this.repository.dimensionsByCodes(tx, input.dimensionCodes);
      const unknown = input.dimensionCodes.filter((code) => !found.some((d) => d.code === code));
      if (unknown.length) {
        throw new DomainError(ErrorCode.NOT_FOUND, `dimensionCodes: no dimension ${unknown.join(', ')}`, { field: 'dimensionCodes', codes: unknown });
      }
      const ordered = input.dimensionCodes.map((code) => found.find((d) => d.code === code) as Dimension);
      const before = await this.repository.declaredDimensions(tx, indicator.id);
      const valueKind = input.valueKind ?? indicator.valueKind;
      const reshapes = valueKind !== indicator.valueKind || before.map((d) => d.id).join() !== ordered.map((d) => d.id).join();
      if (reshapes && (await this.repository.hasCells(tx, indicator.id))) {
        throw DomainError.badInput('dimensionCodes', `indicator ${indicator.code} has values broken down by its dimensions: they stay as they are`, { reason: 'hasBreakdowns' });
      }
      await this.repository.setIndicatorDimensions(tx, indicator.id, ordered.map((d) => d.id), input.totalSource, valueKind);
      await this.audit.record(tx, {
        actor,
        action: 'indicator.setDimensions',
        entityType: 'Indicator',
        entityId: indicator.id,
        before: { dimensions: before.map((d) => d.code), totalSource: indicator.totalSource, valueKind: indicator.valueKind },
        after: { dimensions: input.dimensionCodes, totalSource: input.totalSource, valueKind },
      });
      return tx.getRepository(Indicator).findOneByOrFail({ id: indicator.id });
    });
  }

  /**
   * Records a value with its breakdown: the cells are checked against the indicator's dimensions
   * and value kind (breakdown.ts: checkCells, with its reasons), the version's value is the
   * recorded `total` (RECORDED; BAD_USER_INPUT `missingTotal` without one) or the cells' total
   * (DERIVED; `totalDerived` when one is given), and the version and its cells are written in
   * one transaction. BAD_USER_INPUT `noDimensions` for an indicator broken down by none.
   */
  recordBreakdown(input: RecordIndicatorValueBreakdownInput, actor: Actor, locale: Locale): Promise<IndicatorValue> {
    let checked: CheckedCell[] = [];
    return this.indicators.recordValueWithParts(input, actor, locale, {
      expectedVersion: input.expectedVersion,
      prepare: async (tx, indicator) => {
        const declared = await this.repository.declaredDimensions(tx, indicator.id);
        if (declared.length === 0) {
          throw DomainError.badInput('indicatorId', `indicator ${indicator.code} is not broken down by any dimension`, { reason: 'noDimensions' });
        }
        const codes = [...new Set(input.cells.flatMap((c) => c.members))];
        const byCode = new Map<string, MemberRef[]>();
        for (const member of await this.repository.membersByCodes(tx, codes)) byCode.set(member.code, [...(byCode.get(member.code) ?? []), member]);
        const shape = shapeOf(indicator);
        checked = checkCells(input.cells, declared, byCode, shape);
        if (indicator.totalSource === TotalSource.DERIVED) {
          if (input.total != null) throw DomainError.badInput('total', `indicator ${indicator.code} derives its total from the cells`, { reason: 'totalDerived' });
          return totalOf(checked, shape).value;
        }
        if (input.total == null) throw DomainError.badInput('total', `indicator ${indicator.code} records its total: give it`, { reason: 'missingTotal' });
        return input.total;
      },
      write: async (tx, submitted) => {
        await this.repository.insertCells(tx, submitted.version.id, checked);
        return checked;
      },
    });
  }

  /**
   * The rows of a form that records a breakdown: one per combination of members of the
   * indicator's dimensions (in their order), at most `limit` (`complete` false when there are more).
   */
  async combinations(indicatorId: string, limit: number): Promise<BreakdownCombinations> {
    const dimensions = await this.repository.declaredDimensions(null, indicatorId);
    if (dimensions.length === 0) return { dimensions, rows: [], complete: true };
    const members = await this.repository.membersOf(dimensions.map((d) => d.id));
    let rows: DimensionMember[][] = [[]];
    for (const dimension of dimensions) {
      const own = members.filter((m) => m.dimensionId === dimension.id);
      rows = rows.flatMap((row) => own.map((m) => [...row, m]));
      if (rows.length > limit) return { dimensions, rows: rows.slice(0, limit), complete: false };
    }
    return { dimensions, rows, complete: true };
  }

  private async indicatorOrFail(tx: EntityManager, id: string): Promise<Indicator> {
    const indicator = await tx.getRepository(Indicator).findOneBy({ id });
    if (!indicator) throw new DomainError(ErrorCode.NOT_FOUND, `indicatorId: Indicator ${id} does not exist`, { field: 'indicatorId', id });
    return indicator;
  }
}
