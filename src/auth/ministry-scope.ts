import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import type { Actor } from './actor';
import { Role } from './role.enum';

/**
 * A MINISTRY token acts only for its own organisation: it may change a record
 * only when that organisation is among the record's responsible ones. Other
 * roles that reached the service are not limited here (the guard checked them).
 */
export function assertMayActFor(actor: Actor, responsibleOrganizationIds: readonly (string | null)[], what: string): void {
  if (actor.role !== Role.MINISTRY) return;
  if (actor.organizationId && responsibleOrganizationIds.includes(actor.organizationId)) return;
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    `this MINISTRY token acts for another organisation than the one responsible for ${what}`,
    { reason: 'otherOrganization' },
  );
}
