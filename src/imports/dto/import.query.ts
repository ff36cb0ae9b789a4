import { IsBoolean, IsOptional } from 'class-validator';
import { BooleanParameter } from '../../exports/dto/query-transforms';

export class ImportQuery {
  /** true: check every row and report, write nothing. */
  @BooleanParameter()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
