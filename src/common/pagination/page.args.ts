import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size counted from the start (or from \`after\`), default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}; 0 asks only for totalCount and pageInfo`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'EndCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;

  @Field(() => Int, {
    nullable: true,
    description: `Page size counted back from the end (or from \`before\`), at most ${MAX_PAGE_SIZE}; not together with \`first\``,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field(() => String, { nullable: true, description: 'StartCursor of the next page: the page ends before it' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  before?: string;
}
