import { IsBoolean, IsOptional } from 'class-validator';
import { NOTE_MAX, OptionalText } from '../../common/validation/decorators';
import { BooleanParameter } from '../../common/validation/query-transforms';

export class ImportQuery {
  /** true: check every row and report, write nothing. */
  @BooleanParameter()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  /** Why rows for periods that already have a value correct them: required when any row does (CORRECTION_REASON_REQUIRED). */
  @OptionalText(NOTE_MAX)
  correctionReason?: string | null;
}
