import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { DataVersionService } from '../data-version/data-version.service';
import { PerVersionMemo } from '../data-version/per-version-memo';
import type { Actor } from '../auth/actor';
import { ActionPlan } from './action-plan.entity';
import { ActionPlanRepository } from './action-plan.repository';
import { TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations, Translations, translationsFromInput } from '../i18n/translations';
import { assertExpectedVersion, staleVersion } from '../common/errors/expected-version';
import { DomainError } from '../common/errors/domain-error';
import { CreateActionPlanInput } from './dto/create-action-plan.input';
import { UpdateActionPlanInput } from './dto/update-action-plan.input';

@Injectable()
export class ActionPlansService {
  /** The plans (a handful, changed only by a write): read once per data version for readers that only show them. */
  private readonly memo: PerVersionMemo;

  constructor(
    private readonly repository: ActionPlanRepository,
    private readonly audit: AuditService,
    versions: DataVersionService,
  ) {
    this.memo = new PerVersionMemo(versions);
  }

  /** Most recent plans first. */
  list(): Promise<ActionPlan[]> {
    return this.repository.listPlans();
  }

  /**
   * As list(), read once per data version (the public pages' year picker and their indicators'
   * plans). The same objects go to every caller of a version: read them, never change them.
   */
  listShown(): Promise<readonly ActionPlan[]> {
    return this.memo.get('plans', () => this.repository.listPlans());
  }

  /** `locale`: the request's, which `title` is written in. */
  create(input: CreateActionPlanInput, actor: Actor, locale: Locale): Promise<ActionPlan> {
    const title = createdTranslations(input, 'title', locale, TITLE_MAX, true);
    return this.repository.transaction(async (tx) => {
      const plan = await this.repository.insertPlan(tx, {
        code: input.code,
        title,
        approvedBy: input.approvedBy ?? null,
        approvedOn: input.approvedOn ?? null,
        startYear: input.startYear,
        endYear: input.endYear,
      });
      await this.audit.record(tx, {
        actor,
        action: 'actionPlan.create',
        entityType: 'ActionPlan',
        entityId: plan.id,
        before: null,
        after: plan,
      });
      return plan;
    });
  }

  findById(id: string): Promise<ActionPlan | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return this.repository.findPlan(id);
  }

  /**
   * Edits a plan's fields; bumps its version and audits it before and after, in one transaction.
   * The years must still hold every target and value of its indicators (BAD_USER_INPUT, reason
   * `yearsInUse`); a code another plan has is refused by its unique index. CONFLICT when
   * `expectedVersion` is stale, NOT_FOUND for an unknown id.
   */
  update(id: string, input: UpdateActionPlanInput, expectedVersion: number | null | undefined, actor: Actor, locale: Locale): Promise<ActionPlan> {
    return this.repository.transaction(async (tx) => {
      const current = assertExpectedVersion('ActionPlan', id, isUUID(id) ? await this.repository.findPlan(id, tx) : null, expectedVersion);
      const changes: Partial<ActionPlan> = {};
      if (input.code !== undefined) changes.code = input.code;
      if (input.title !== undefined || input.titleTranslations != null) {
        changes.title = translationsFromInput(current.title, input.title, input.titleTranslations, locale, { field: 'title', maxLength: TITLE_MAX, required: true }) as Translations;
      }
      if (input.approvedBy !== undefined) changes.approvedBy = input.approvedBy;
      if (input.approvedOn !== undefined) changes.approvedOn = input.approvedOn;
      if (input.startYear !== undefined) changes.startYear = input.startYear;
      if (input.endYear !== undefined) changes.endYear = input.endYear;
      const startYear = changes.startYear ?? current.startYear;
      const endYear = changes.endYear ?? current.endYear;
      if (endYear < startYear) throw DomainError.badInput('endYear', `must not be less than startYear (${startYear})`, { reason: 'endBeforeStart' });
      if (startYear !== current.startYear || endYear !== current.endYear) {
        const used = await this.repository.yearsInUse(tx, { planId: id });
        if (used.first !== null && used.last !== null && (used.first < startYear || used.last > endYear)) {
          const field = used.first < startYear ? 'startYear' : 'endYear';
          throw DomainError.badInput(field, `the plan's indicators have targets or values from ${used.first} to ${used.last}`, {
            reason: 'yearsInUse',
            from: used.first,
            to: used.last,
          });
        }
      }
      const updated = await this.repository.updatePlanIfVersion(tx, current, changes);
      if (!updated) throw staleVersion('ActionPlan', id, null);
      await this.audit.record(tx, { actor, action: 'actionPlan.update', entityType: 'ActionPlan', entityId: id, before: current, after: updated });
      return updated;
    });
  }
}
