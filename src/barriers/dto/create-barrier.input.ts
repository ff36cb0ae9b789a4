import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsUUID } from 'class-validator';
import { DESCRIPTION_MAX, OptionalText, RequiredText, TITLE_MAX } from '../../common/validation/decorators';
import { BarrierCategory } from '../barrier-category.enum';

@InputType()
export class CreateBarrierInput {
  @Field()
  @RequiredText(TITLE_MAX)
  title: string;

  @Field(() => String, { nullable: true })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => BarrierCategory)
  @IsEnum(BarrierCategory)
  category: BarrierCategory;

  @Field(() => [ID], { description: 'the meetings where it was raised; at least one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  meetingIds: string[];
}
