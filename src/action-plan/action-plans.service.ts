import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { ActionPlan } from './action-plan.entity';
import { ActionPlanRepository } from './action-plan.repository';
import { TITLE_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { CreateActionPlanInput } from './dto/create-action-plan.input';

@Injectable()
export class ActionPlansService {
  constructor(
    private readonly repository: ActionPlanRepository,
    private readonly audit: AuditService,
  ) {}

  /** Most recent plans first. */
  list(): Promise<ActionPlan[]> {
    return this.repository.listPlans();
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
}
