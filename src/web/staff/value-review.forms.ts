import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { ReviewDecision, ReviewValueInput } from '../../action-plan/dto/review-value.input';
import { NOTE_MAX, RequiredText } from '../../common/validation/decorators';

/** Approving a waiting version: the version number the reviewer saw (CONFLICT when a correction came since). */
export class ApproveValueForm {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion: number;

  /** The API's input for this version. */
  toInput(versionId: string): ReviewValueInput {
    return Object.assign(new ReviewValueInput(), { versionId, decision: ReviewDecision.APPROVE, expectedVersion: this.expectedVersion });
  }
}

/** Returning a waiting version to its submitter: the reason is required (they see it). */
export class ReturnValueForm extends ApproveValueForm {
  @RequiredText(NOTE_MAX)
  reason: string;

  override toInput(versionId: string): ReviewValueInput {
    return Object.assign(new ReviewValueInput(), { versionId, decision: ReviewDecision.RETURN, reason: this.reason, expectedVersion: this.expectedVersion });
  }
}
