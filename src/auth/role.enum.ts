import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  MINISTRY = 'MINISTRY',
  ANALYST = 'ANALYST',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What a token or user may do',
  valuesMap: {
    ADMIN: { description: 'Everything, manages tokens' },
    EDITOR: { description: 'Secretariat: records meetings, barriers, recommendations, any transition' },
    MINISTRY: {
      description:
        'Staff of one organisation: transitions and indicator values for what that organisation is responsible for',
    },
    ANALYST: { description: 'Reads everything, exports reports' },
    VIEWER: { description: 'Reads everything (NGOs, the public portal)' },
  },
});

/** Every role: for operations anyone with a valid token (or an anonymous reader under PUBLIC_READ) may call. */
export const READERS: readonly Role[] = [Role.ADMIN, Role.EDITOR, Role.MINISTRY, Role.ANALYST, Role.VIEWER];
/** Who may record meetings, barriers, recommendations, plans and indicators. */
export const EDITORS: readonly Role[] = [Role.ADMIN, Role.EDITOR];
