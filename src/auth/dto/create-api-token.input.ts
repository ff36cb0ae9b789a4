import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { RequiredText } from '../../common/validation/decorators';
import { Role } from '../role.enum';

@InputType()
export class CreateApiTokenInput {
  @Field()
  @RequiredText(200)
  name: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'required for MINISTRY' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
