import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { RequiredText } from '../../common/validation/decorators';
import { Role } from '../role.enum';

@InputType({ description: 'A new API token' })
export class CreateApiTokenInput {
  @Field({ description: 'What the token is for (up to 200 characters)' })
  @RequiredText(200)
  name: string;

  @Field(() => Role, { description: 'What the token may do' })
  @IsEnum(Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'Required for MINISTRY and NGO (an organisation of kind NGO), refused otherwise' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
