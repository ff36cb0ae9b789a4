import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PlanYear } from '../../action-plan/reporting-period';
import { EmptyIsAbsent } from '../../common/validation/query-transforms';
import { LOCALES } from '../../i18n/locales';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';

/** A repeated query parameter (`?status=A&status=B`) or a single one, as a list. */
const toList = ({ value }: { value: unknown }): unknown => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
/** Every page accepts ?lang= (the layout's language links); it is read by the page context. */

class LanguageQuery {
  @IsOptional()
  @IsIn([...LOCALES])
  lang?: string;
}

export class HomeQuery extends LanguageQuery {
  @IsOptional()
  @Type(() => Number)
  @PlanYear()
  year?: number;
}

export class PageQuery extends LanguageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

export class RecommendationListQuery extends PageQuery {
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(7)
  @IsEnum(RecommendationStatus, { each: true })
  status?: RecommendationStatus[];

  @IsOptional()
  @EmptyIsAbsent() // an empty select ("Any") is no filter
  @IsUUID()
  organisation?: string;

  @IsOptional()
  @EmptyIsAbsent()
  @IsUUID()
  meeting?: string;

  @IsOptional()
  @EmptyIsAbsent()
  @IsUUID()
  barrier?: string;

  /** A framework item's id: only the recommendations mapped to it. */
  @IsOptional()
  @EmptyIsAbsent()
  @IsUUID()
  framework?: string;

  @IsOptional()
  @IsIn(['true'])
  overdue?: 'true';

  /** Only those a civil-society organisation assesses otherwise (docs/domain.md). */
  @IsOptional()
  @IsIn(['true'])
  divergent?: 'true';

  @IsOptional()
  @EmptyIsAbsent()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class IndicatorQuery extends LanguageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  plan?: string;
}
