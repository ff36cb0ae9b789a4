import { Transform } from 'class-transformer';
import { InviteUserInput } from '../../accounts/dto/invite-user.input';
import { CreateApiTokenInput } from '../../auth/dto/create-api-token.input';
import { BlankAsNull, formShape } from '../forms/form-controls';

/** The invitation form: the input of `npm run user:create` (a blank language is Russian). */
export class InviteForm extends InviteUserInput {}
formShape(InviteForm, {
  preferredLanguage: Transform(({ value }: { value: unknown }) => (value === '' ? 'ru' : value)),
});

/** The API token form: createApiToken's input (a blank organisation is none). */
export class TokenForm extends CreateApiTokenInput {}
formShape(TokenForm, {
  organizationId: BlankAsNull(),
});
