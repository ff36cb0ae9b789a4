import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { RequiredText } from '../../common/validation/decorators';
import { Role } from '../../auth/role.enum';
import { LANGUAGES } from '../user.entity';
import type { Language } from '../user.entity';

const normaliseEmail = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
const blankToNull = Transform(({ value }: { value: unknown }) => (value === '' ? null : value));

/** What an admin fills in to invite a person (also the input of `npm run user:create`). */
export class InviteUserInput {
  @normaliseEmail
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @RequiredText(200)
  displayName: string;

  @IsEnum(Role, { message: 'role must be one of ADMIN, EDITOR, MINISTRY, ANALYST, VIEWER, NGO' })
  role: Role;

  /** Required for MINISTRY and NGO (an organisation of kind NGO), refused otherwise (as for tokens). */
  @blankToNull
  @IsOptional()
  @IsUUID(undefined, { message: 'organizationId must be an organisation' })
  organizationId?: string | null;

  @IsIn(LANGUAGES)
  preferredLanguage: Language = 'ru';
}
