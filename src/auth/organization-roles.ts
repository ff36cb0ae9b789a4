import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { assertAllExist } from '../database/assert-exist';
import { OrganizationKind } from '../organizations/organization-kind.enum';
import { Organization } from '../organizations/organization.entity';
import { ORGANIZATION_ROLES, Role } from './role.enum';

/**
 * A MINISTRY or NGO user or token acts for one organisation, which it must name;
 * no other role names one. Checked before the transaction (no query needed).
 */
export function assertOrganizationNamedForRole(role: Role, organizationId: string | null | undefined, what: 'user' | 'token'): void {
  const needs = ORGANIZATION_ROLES.includes(role);
  if (needs && !organizationId) throw DomainError.badInput('organizationId', `is required for a ${role} ${what}`);
  if (!needs && organizationId) throw DomainError.badInput('organizationId', `is only for ${ORGANIZATION_ROLES.join(' and ')} ${what}s`);
}

/**
 * Inside the write's transaction: the organisation exists, and an NGO user or
 * token acts for an organisation of kind NGO (never for a ministry's).
 */
export async function assertOrganizationFitsRole(tx: EntityManager, role: Role, organizationId: string | null | undefined): Promise<void> {
  if (!organizationId) return;
  await assertAllExist(tx, Organization, [organizationId], 'organizationId');
  if (role !== Role.NGO) return;
  const [{ kind }] = await tx.query<{ kind: OrganizationKind }[]>('SELECT kind FROM organization WHERE id = $1', [organizationId]);
  if (kind !== OrganizationKind.NGO) throw DomainError.badInput('organizationId', 'must be an organisation of kind NGO for an NGO role', { reason: 'notNgo' });
}
