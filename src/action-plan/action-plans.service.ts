import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { ActionPlan } from './action-plan.entity';
import { CreateActionPlanInput } from './dto/create-action-plan.input';

@Injectable()
export class ActionPlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Most recent plans first. */
  list(): Promise<ActionPlan[]> {
    return this.db.getRepository(ActionPlan).find({ order: { startYear: 'DESC', code: 'ASC' } });
  }

  create(input: CreateActionPlanInput, actor: Actor): Promise<ActionPlan> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(ActionPlan);
      const plan = await repo.save(
        repo.create({
          code: input.code,
          title: input.title,
          approvedBy: input.approvedBy ?? null,
          approvedOn: input.approvedOn ?? null,
          startYear: input.startYear,
          endYear: input.endYear,
        }),
      );
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
