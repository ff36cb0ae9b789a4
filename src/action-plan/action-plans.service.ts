import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlan } from './action-plan.entity';
import { CreateActionPlanInput } from './dto/create-action-plan.input';

@Injectable()
export class ActionPlansService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Most recent plans first. */
  list(): Promise<ActionPlan[]> {
    return this.db.getRepository(ActionPlan).find({ order: { startYear: 'DESC', code: 'ASC' } });
  }

  create(input: CreateActionPlanInput): Promise<ActionPlan> {
    const repo = this.db.getRepository(ActionPlan);
    return repo.save(
      repo.create({
        code: input.code,
        title: input.title,
        approvedBy: input.approvedBy ?? null,
        approvedOn: input.approvedOn ?? null,
        startYear: input.startYear,
        endYear: input.endYear,
      }),
    );
  }
}
