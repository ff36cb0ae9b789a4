import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { OrderDirection } from '../../common/pagination/order-direction';
import { PageArgs } from '../../common/pagination/page.args';
import { DateScalarType } from '../../common/scalars/date.scalar';
import { IsCalendarDate, OptionalText } from '../../common/validation/decorators';
import { MeetingFormat } from '../meeting.enums';

export enum MeetingOrderField {
  HELD_ON = 'HELD_ON',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(MeetingOrderField, {
  name: 'MeetingOrderField',
  description: 'What a meetings list can be ordered by',
  valuesMap: {
    HELD_ON: { description: 'The day it was held' },
    UPDATED_AT: { description: 'When it was last changed' },
  },
});

@InputType({ description: 'Which meetings to list: every given condition must hold' })
export class MeetingFilter {
  @Field(() => DateScalarType, { nullable: true, description: 'Only those held on this day or later' })
  @IsOptional()
  @IsCalendarDate()
  heldFrom?: string | null;

  @Field(() => DateScalarType, { nullable: true, description: 'Only those held on this day or earlier' })
  @IsOptional()
  @IsCalendarDate()
  heldTo?: string | null;

  @Field(() => [MeetingFormat], { nullable: true, description: 'Only these formats' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(MeetingFormat, { each: true })
  format?: MeetingFormat[] | null;

  @Field(() => ID, { nullable: true, description: 'Only those this organisation took part in' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive match on title, settlement, region and summary, in any language' })
  @OptionalText(200)
  search?: string | null;
}

@InputType({ description: 'The order of a meetings list; ties are broken by id' })
export class MeetingOrder {
  @Field(() => MeetingOrderField, { description: 'What to order by' })
  @IsEnum(MeetingOrderField)
  field: MeetingOrderField;

  @Field(() => OrderDirection, { description: 'Ascending or descending' })
  @IsEnum(OrderDirection)
  direction: OrderDirection;
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => MeetingFilter, { nullable: true, description: 'Which meetings to list; all when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeetingFilter)
  filter?: MeetingFilter | null;

  @Field(() => MeetingOrder, { nullable: true, description: 'HELD_ON descending (newest first) when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeetingOrder)
  orderBy?: MeetingOrder | null;
}
