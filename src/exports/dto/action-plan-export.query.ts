import { IsOptional, IsUUID } from 'class-validator';

/** Limits an export to one action plan. */
export class ActionPlanExportQuery {
  @IsOptional()
  @IsUUID()
  actionPlanId?: string;
}
