import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OptionalText } from '../../common/validation/decorators';
import type { TranslationChange } from '../../i18n/translations';
import { TranslationsInputField } from '../../i18n/translation.types';
import { Framework } from '../framework-item.entity';

export const FRAMEWORK_TITLE_MAX = 300;

@ArgsType()
export class FrameworkItemsArgs {
  @Field(() => Framework, { nullable: true, description: 'Only the items of this framework; every framework when absent' })
  @IsOptional()
  @IsEnum(Framework)
  framework?: Framework | null;
}

@InputType({ description: 'A recommendation or an indicator (exactly one) and the framework item it addresses' })
export class FrameworkMappingInput {
  @Field(() => ID, { description: 'The framework item' })
  @IsUUID()
  frameworkItemId: string;

  @Field(() => ID, { nullable: true, description: 'The recommendation (give it or indicatorId, not both)' })
  @IsOptional()
  @IsUUID()
  recommendationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The indicator (give it or recommendationId, not both)' })
  @IsOptional()
  @IsUUID()
  indicatorId?: string | null;
}

@InputType({ description: "ADMIN's changes to a framework item: what is absent stays as it is" })
export class UpdateFrameworkItemInput {
  @Field(() => ID, { description: 'The item to change' })
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true, description: "The short title in the request's locale (Accept-Language)" })
  @OptionalText(FRAMEWORK_TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationChange[] | null;

  @Field(() => Int, { nullable: true, description: "The paragraph's number in its document, once checked against it; null clears it" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  paragraph?: number | null;
}
