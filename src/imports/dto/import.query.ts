import { IsBoolean, IsOptional } from 'class-validator';
import { BooleanParameter } from '../../common/validation/query-transforms';

export class ImportQuery {
  /** true: check every row and report, write nothing. */
  @BooleanParameter()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
