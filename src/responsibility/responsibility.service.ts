import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Role } from '../auth/role.enum';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/errors/domain-error';
import type { SetFocalPointsInput } from './dto/set-focal-points.input';
import { ResponsibilityRepository, type OfficerCandidate } from './responsibility.repository';
import type { StaffMember } from './staff-member.type';

/**
 * Why a person cannot be an organisation's officer or focal point (BAD_USER_INPUT `reason`):
 * `unknownUser` (no such user), `notOfOrganization` (not a MINISTRY user of the organisation or
 * organisations concerned), `deactivated` (the account is deactivated).
 */
function refusal(candidate: OfficerCandidate | undefined, organizationIds: readonly string[]): 'unknownUser' | 'notOfOrganization' | 'deactivated' | null {
  if (!candidate) return 'unknownUser';
  if (candidate.role !== Role.MINISTRY || !candidate.organizationId || !organizationIds.includes(candidate.organizationId)) return 'notOfOrganization';
  if (!candidate.active) return 'deactivated';
  return null;
}

/**
 * People responsible (issue 25): each organisation's focal points, and the rule every
 * recommendation's and indicator's responsible officer follows. Who is told what from them is
 * the notifications' SQL (audience RESPONSIBLE).
 */
@Injectable()
export class ResponsibilityService {
  constructor(
    private readonly repository: ResponsibilityRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Replaces an organisation's focal points, audited, in one transaction. NOT_FOUND for an
   * unknown organisation; BAD_USER_INPUT (field `userIds`, `reason` as `refusal`) when one of
   * them is not an active MINISTRY user of that organisation; nothing changes then.
   */
  async setFocalPoints(input: SetFocalPointsInput, actor: Actor): Promise<StaffMember[]> {
    const organizationId = input.organizationId.toLowerCase();
    const userIds = [...new Set(input.userIds.map((id) => id.toLowerCase()))];
    await this.repository.transaction(async (tx) => {
      if (!(await this.repository.lockOrganization(tx, organizationId))) throw DomainError.notFound('Organization', organizationId);
      const candidates = new Map((await this.repository.candidates(tx, userIds)).map((c) => [c.id, c]));
      for (const id of userIds) {
        const reason = refusal(candidates.get(id), [organizationId]);
        if (reason) throw DomainError.badInput('userIds', `user ${id} cannot be a focal point of this organisation (${reason})`, { reason, id });
      }
      const before = await this.repository.replaceFocalPoints(tx, organizationId, userIds);
      await this.audit.record(tx, {
        actor,
        action: 'organization.setFocalPoints',
        entityType: 'Organization',
        entityId: organizationId,
        before: { focalPointUserIds: before },
        after: { focalPointUserIds: [...userIds].sort() },
      });
    });
    return this.repository.focalPoints(organizationId);
  }

  /**
   * In the caller's write transaction: BAD_USER_INPUT on `field` (with `reason` as `refusal`)
   * unless `userId` is an active MINISTRY user of one of `organizationIds`. Null passes (no officer).
   */
  async assertOfficer(tx: EntityManager, userId: string | null, organizationIds: readonly (string | null)[], field: string): Promise<void> {
    if (userId === null) return;
    const [candidate] = await this.repository.candidates(tx, [userId]);
    const reason = refusal(candidate, organizationIds.filter((id): id is string => id !== null));
    if (reason) {
      throw DomainError.badInput(field, `user ${userId} cannot be responsible: they must be an active user of a responsible organisation (${reason})`, { reason });
    }
  }

  focalPoints(organizationId: string): Promise<StaffMember[]> {
    return this.repository.focalPoints(organizationId);
  }

  allFocalPoints(): Promise<Map<string, StaffMember[]>> {
    return this.repository.allFocalPoints();
  }

  /** Who may be named officer or focal point for these organisations (the forms' choices). */
  eligible(organizationIds: readonly string[]): Promise<StaffMember[]> {
    return this.repository.eligible(organizationIds);
  }

  member(userId: string): Promise<StaffMember | null> {
    return this.repository.member(userId);
  }
}
