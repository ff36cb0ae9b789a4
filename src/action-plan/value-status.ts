import { registerEnumType } from '@nestjs/graphql';

/** Which versions of values a reader counts (knownValuesSql). */
export enum ValueStatus {
  /** The latest approved version: what the public, exports and the PDF see. */
  APPROVED = 'APPROVED',
  /** The latest submitted version not returned (staff only; always marked where shown). */
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(ValueStatus, {
  name: 'ValueStatus',
  valuesMap: {
    APPROVED: { description: 'the latest approved version of each value (the default; public)' },
    SUBMITTED: { description: 'the latest submitted version not returned, reviewed or not (staff only)' },
  },
});
