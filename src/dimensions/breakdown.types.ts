import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BreakdownLevel } from './breakdown';

registerEnumType(BreakdownLevel, {
  name: 'BreakdownLevel',
  description: 'Whether breakdown totals are per member of a dimension or per parent member (a district counted in its oblast)',
  valuesMap: {
    MEMBER: { description: 'One total per member that has cells' },
    PARENT: { description: "One total per parent of the members (a member without a parent is its own); e.g. an oblast's districts together" },
  },
});

/** A total of a breakdown for one member (or parent member): Σ of values, or Σ numerator / Σ denominator for a ratio. */
@ObjectType({ description: 'A total of a breakdown for one member of a dimension: Σ of values, or Σ numerator / Σ denominator for a ratio (never a mean of shares)' })
export class BreakdownTotal {
  memberId: string;

  @Field(() => Float, { description: 'The total (for a ratio: Σ numerator / Σ denominator, × 100 for a percentage)' })
  value: number;

  @Field(() => Float, { nullable: true, description: 'For a ratio: Σ numerator' })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'For a ratio: Σ denominator' })
  denominator: number | null;

  @Field(() => Int, { description: 'How many cells it adds up' })
  cells: number;
}
