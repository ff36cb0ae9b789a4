import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { RequiredText, SHORT_TEXT_MAX } from '../../common/validation/decorators';
import { OrganizationKind } from '../organization-kind.enum';

@InputType()
export class CreateOrganizationInput {
  @Field()
  @RequiredText(SHORT_TEXT_MAX)
  name: string;

  @Field(() => OrganizationKind)
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;
}
