import { registerEnumType } from '@nestjs/graphql';
import { Role } from '../auth/role.enum';

/** Which versions of values a reader counts (knownValuesSql). */
export enum ValueStatus {
  /** The latest approved version: what the public, exports and the PDF see. */
  APPROVED = 'APPROVED',
  /** The latest submitted version not returned (staff only; always marked where shown). */
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(ValueStatus, {
  name: 'ValueStatus',
  description: 'Which versions of reported values a figure counts',
  valuesMap: {
    APPROVED: { description: 'The latest approved version of each value (the default; public)' },
    SUBMITTED: { description: 'The latest submitted version not returned, reviewed or not (staff only)' },
  },
});

/**
 * Roles that see versions not (yet) approved: staff (the API's versions, the versions=all
 * export). VIEWER (NGOs, the public portal, anonymous readers) sees approved ones only.
 */
export const SEES_UNREVIEWED: readonly Role[] = [Role.ADMIN, Role.EDITOR, Role.MINISTRY, Role.ANALYST];
