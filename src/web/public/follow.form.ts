import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const absentWhenEmpty = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The "Follow by e-mail" form of a public page: the address, and the record as a hidden field
 * (exactly one; the controller checks that). A bad address is shown back as a form error (that
 * reveals nothing about anyone); everything else answers with the same neutral page.
 */
export class FollowForm {
  @Transform(trimmed)
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email: string;

  @Transform(absentWhenEmpty)
  @IsOptional()
  @IsUUID()
  recommendationId?: string;

  @Transform(absentWhenEmpty)
  @IsOptional()
  @IsUUID()
  indicatorId?: string;

  @Transform(absentWhenEmpty)
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
