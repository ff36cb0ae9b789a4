import { Expose, Transform } from 'class-transformer';
import { IsString } from 'class-validator';
import { RequiredText } from '../../common/validation/decorators';
import { postedText } from '../forms/form-controls';

/** A posted text as typed ('' when absent or repeated): sign-in and passwords refuse nothing here, the services judge. */
function Typed(): PropertyDecorator {
  return (target, property) => {
    Expose()(target, property);
    Transform(({ obj }: { obj: Record<string, unknown> }) => postedText(obj, property as string))(target, property);
    IsString()(target, property);
  };
}

/** The sign-in form: a wrong or missing address or password is the sessions service's "failed", not a form error. */
export class SignInForm {
  @Typed()
  email: string;

  @Typed()
  password: string;

  /** Where to go after signing in (made a same-site path by safeNextPath). */
  @Typed()
  next: string;
}

/** A new password from a one-time link, typed twice; the password policy is the users service's. */
export class SetPasswordForm {
  @Typed()
  password: string;

  @Typed()
  confirm: string;
}

/** A personal API token's name. */
export class PersonalTokenForm {
  @RequiredText(200)
  name: string;
}
