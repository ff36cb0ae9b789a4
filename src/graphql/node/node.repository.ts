import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { ActionPlan } from '../../action-plan/action-plan.entity';
import { Indicator } from '../../action-plan/indicator.entity';
import { IndicatorValue } from '../../action-plan/indicator-value.entity';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { ApiToken } from '../../auth/api-token.entity';
import { Barrier } from '../../barriers/barrier.entity';
import { Meeting } from '../../meetings/meeting.entity';
import { Organization } from '../../organizations/organization.entity';
import { Person } from '../../organizations/person.entity';
import { Recommendation } from '../../recommendations/recommendation.entity';

/** Every type that implements Node, by its GraphQL name (its class's name). */
export const NODE_TYPES = {
  ActionPlan,
  ApiToken,
  AuditEntry,
  Barrier,
  Indicator,
  IndicatorValue,
  Meeting,
  Organization,
  Person,
  Recommendation,
} as const;
export type NodeTypeName = keyof typeof NODE_TYPES;
export type NodeEntity = InstanceType<(typeof NODE_TYPES)[NodeTypeName]>;

/** Reads records of any Node type by id: one statement finds the types, then one per type present. */
@Injectable()
export class NodeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The type of each id that names a record; ids that are no UUID or name nothing are left out. */
  async typesOf(ids: readonly string[]): Promise<Map<string, NodeTypeName>> {
    const uuids = [...new Set(ids.filter((id) => isUUID(id)))];
    const types = new Map<string, NodeTypeName>();
    if (!uuids.length) return types;
    const union = Object.entries(NODE_TYPES)
      .map(([name, entity]) => `SELECT id, '${name}' AS type FROM "${this.dataSource.getMetadata(entity).tableName}" WHERE id = ANY($1::uuid[])`)
      .join(' UNION ALL ');
    const rows: { id: string; type: NodeTypeName }[] = await this.dataSource.query(union, [uuids]);
    for (const row of rows) types.set(row.id, row.type);
    return types;
  }

  /** The records of one type with these ids, as entity instances (so that Node's resolveType names them). */
  load(type: NodeTypeName, ids: readonly string[]): Promise<NodeEntity[]> {
    const entity = NODE_TYPES[type] as new () => NodeEntity;
    return this.dataSource.getRepository(entity).findBy({ id: In([...ids]) });
  }
}
