import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';
import type { FollowTarget } from '../../follows/follow-target';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const absentWhenEmpty = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The "Follow by e-mail" form of a public page: the address, and the record as a hidden field
 * (exactly one: followTargetOf). Validated by FormPipe (@FormBody); FollowFormFilter shows a bad
 * address back on the form; everything else answers with the same neutral page.
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

/** The form's record: exactly one of its three fields, else null. */
export function followTargetOf(form: Pick<FollowForm, 'recommendationId' | 'indicatorId' | 'organizationId'>): FollowTarget | null {
  const given: FollowTarget[] = [
    ...(form.recommendationId ? [{ recommendationId: form.recommendationId }] : []),
    ...(form.indicatorId ? [{ indicatorId: form.indicatorId }] : []),
    ...(form.organizationId ? [{ organizationId: form.organizationId }] : []),
  ];
  return given.length === 1 ? given[0] : null;
}
