import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PlanYear } from '../../action-plan/reporting-period';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';

/** A repeated query parameter (`?status=A&status=B`) or a single one, as a list. */
const toList = ({ value }: { value: unknown }): unknown => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
/** An empty select ("Any") is no filter. */
const emptyToUndefined = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);
/** Every page accepts ?lang= (the layout's language links); it is read by the page context. */
const LANGS = ['ky', 'ru', 'en'];

class LanguageQuery {
  @IsOptional()
  @IsIn(LANGS)
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
  @Transform(emptyToUndefined)
  @IsUUID()
  organisation?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID()
  meeting?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUUID()
  barrier?: string;

  @IsOptional()
  @IsIn(['true'])
  overdue?: 'true';

  @IsOptional()
  @Transform(emptyToUndefined)
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
