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
  valuesMap: {
    ADMIN: { description: 'everything, manages tokens' },
    EDITOR: { description: 'secretariat: records meetings, barriers, recommendations, any transition' },
    MINISTRY: {
      description:
        'staff of one organisation: transitions and indicator values for what that organisation is responsible for',
    },
    ANALYST: { description: 'reads everything, exports reports' },
    VIEWER: { description: 'reads everything (NGOs, the public portal)' },
  },
});

/** Every role: for operations anyone with a valid token (or an anonymous reader under PUBLIC_READ) may call. */
export const READERS: readonly Role[] = [Role.ADMIN, Role.EDITOR, Role.MINISTRY, Role.ANALYST, Role.VIEWER];
/** Who may record meetings, barriers, recommendations, plans and indicators. */
export const EDITORS: readonly Role[] = [Role.ADMIN, Role.EDITOR];
