import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { CodeText } from '../../common/validation/decorators';
import { BreakdownLevel } from '../breakdown';
import '../breakdown.types';

@ArgsType()
export class BreakdownTotalsArgs {
  @Field({ description: 'The code of the dimension to total by, e.g. TERRITORY' })
  @CodeText()
  dimension: string;

  @Field(() => BreakdownLevel, { nullable: true, defaultValue: BreakdownLevel.MEMBER, description: 'Per member (default) or per parent member' })
  @IsOptional()
  @IsEnum(BreakdownLevel)
  level?: BreakdownLevel | null;
}
