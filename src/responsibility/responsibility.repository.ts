import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../auth/role.enum';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { readQuery } from '../database/read-routing';
import type { StaffMember } from './staff-member.type';

/** A user as the rules on officers and focal points need them. */
export interface OfficerCandidate {
  id: string;
  organizationId: string | null;
  role: Role;
  active: boolean;
}

interface MemberRow {
  id: string;
  display_name: string;
  active: boolean;
  organization_id: string | null;
}

/** The columns of a StaffMember, from app_user `u`. */
const MEMBER = `u.id, u.display_name, u.deactivated_at IS NULL AS active, u.organization_id`;

function toMember(row: MemberRow): StaffMember {
  return { id: row.id, displayName: row.display_name, active: row.active, organizationId: row.organization_id };
}

/** The SQL of focal points and responsible officers: who they are, the checks' reads, the writes (in the service's `tx`). */
@Injectable()
export class ResponsibilityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The users named, as the checks need them (missing ids are absent). */
  async candidates(tx: EntityManager, userIds: readonly string[]): Promise<OfficerCandidate[]> {
    if (userIds.length === 0) return [];
    const rows = await tx.query<{ id: string; organization_id: string | null; role: Role; active: boolean }[]>(
      `SELECT id, organization_id, role::text AS role, deactivated_at IS NULL AS active FROM app_user WHERE id = ANY($1::uuid[])`,
      [[...userIds]],
    );
    return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, role: r.role, active: r.active }));
  }

  /** Locks the organisation's row for the transaction (two focal-point edits of one organisation queue); false when it does not exist. */
  async lockOrganization(tx: EntityManager, organizationId: string): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(`SELECT id FROM organization WHERE id = $1::uuid FOR UPDATE`, [organizationId]);
    return rows.length === 1;
  }

  /** Replaces the organisation's focal points; the ids before, sorted. */
  async replaceFocalPoints(tx: EntityManager, organizationId: string, userIds: readonly string[]): Promise<string[]> {
    const removed = await tx.query<{ user_id: string }[]>(
      `DELETE FROM organization_focal_point WHERE organization_id = $1::uuid RETURNING user_id`,
      [organizationId],
    );
    if (userIds.length) {
      await tx.query(
        `INSERT INTO organization_focal_point (organization_id, user_id) SELECT $1::uuid, unnest($2::uuid[])`,
        [organizationId, [...userIds]],
      );
    }
    return removed.map((r) => r.user_id).sort();
  }

  /** The focal points of one organisation, by name (pages). */
  async focalPoints(organizationId: string): Promise<StaffMember[]> {
    const rows = await this.db.query<MemberRow[]>(
      `SELECT ${MEMBER}
         FROM organization_focal_point f JOIN app_user u ON u.id = f.user_id
        WHERE f.organization_id = $1::uuid ORDER BY u.display_name, u.id`,
      [organizationId],
    );
    return rows.map(toMember);
  }

  /** The focal points of every organisation that has some, by organisation (the admin page). */
  async allFocalPoints(): Promise<Map<string, StaffMember[]>> {
    const rows = await this.db.query<(MemberRow & { focal_of: string })[]>(
      `SELECT f.organization_id AS focal_of, ${MEMBER}
         FROM organization_focal_point f JOIN app_user u ON u.id = f.user_id
        ORDER BY u.display_name, u.id`,
    );
    const result = new Map<string, StaffMember[]>();
    for (const row of rows) result.set(row.focal_of, [...(result.get(row.focal_of) ?? []), toMember(row)]);
    return result;
  }

  /** The active MINISTRY users of the organisations, by name: who may be named officer or focal point (the forms' choices). */
  async eligible(organizationIds: readonly string[]): Promise<StaffMember[]> {
    if (organizationIds.length === 0) return [];
    const rows = await this.db.query<MemberRow[]>(
      `SELECT ${MEMBER} FROM app_user u
        WHERE u.organization_id = ANY($1::uuid[]) AND u.role = 'MINISTRY' AND u.deactivated_at IS NULL
        ORDER BY u.display_name, u.id`,
      [[...organizationIds]],
    );
    return rows.map(toMember);
  }

  /** One person as others may see them, or null (pages). */
  async member(userId: string): Promise<StaffMember | null> {
    const [row] = await this.db.query<MemberRow[]>(`SELECT ${MEMBER} FROM app_user u WHERE u.id = $1::uuid`, [userId]);
    return row ? toMember(row) : null;
  }

  /** People by id, as others may see them (the `responsibleOfficer` fields' batch). */
  memberById(loaders: LoaderRegistry): DataLoader<string, StaffMember | null> {
    return loaders.get('staffMember.byId', async (ids: readonly string[]) => {
      const rows = await readQuery<MemberRow>(this.db, loaders, `SELECT ${MEMBER} FROM app_user u WHERE u.id = ANY($1::uuid[])`, [ids]);
      return oneByKey(ids, rows.map(toMember), (m) => m.id);
    });
  }

  /** Each organisation's focal points, by name (the `focalPoints` field's batch). */
  focalPointsByOrganization(loaders: LoaderRegistry): DataLoader<string, StaffMember[]> {
    return loaders.get('focalPoints.byOrganization', async (ids: readonly string[]) => {
      const rows = await readQuery<MemberRow & { focal_of: string }>(
        this.db,
        loaders,
        `SELECT f.organization_id AS focal_of, ${MEMBER}
           FROM organization_focal_point f JOIN app_user u ON u.id = f.user_id
          WHERE f.organization_id = ANY($1::uuid[]) ORDER BY u.display_name, u.id`,
        [ids],
      );
      return manyByKey(ids, rows, (r) => r.focal_of).map((list) => list.map(toMember));
    });
  }
}
