import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  MINISTRY = 'MINISTRY',
  ANALYST = 'ANALYST',
  VIEWER = 'VIEWER',
  NGO = 'NGO',
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
    VIEWER: { description: 'Reads everything (the public portal, any reader)' },
    NGO: {
      description:
        'A civil-society organisation: reads like a VIEWER and writes only its own independent assessments, for its own organisation',
    },
  },
});

/** Every role: for operations anyone with a valid token (or an anonymous reader under PUBLIC_READ) may call. */
export const READERS: readonly Role[] = [Role.ADMIN, Role.EDITOR, Role.MINISTRY, Role.ANALYST, Role.VIEWER, Role.NGO];
/**
 * Who may open the staff pages that read official data (/work and what hangs from it): every
 * role but NGO, whose staff pages are only its own assessments and /account.
 */
export const STAFF_READERS: readonly Role[] = [Role.ADMIN, Role.EDITOR, Role.MINISTRY, Role.ANALYST, Role.VIEWER];
/** The roles that act for one organisation, which every such user and token must name. */
export const ORGANIZATION_ROLES: readonly Role[] = [Role.MINISTRY, Role.NGO];
/** Who may record meetings, barriers, recommendations, plans and indicators. */
export const EDITORS: readonly Role[] = [Role.ADMIN, Role.EDITOR];
