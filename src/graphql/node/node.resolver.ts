import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { Node } from '../../common/node.interface';
import { MAX_PAGE_SIZE } from '../../common/pagination/page.args';
import { NodeEntity, NodeRepository, NodeTypeName } from './node.repository';

/** Who may read each type: the roles of the typed query that lists it (auditLog, apiTokens; READERS otherwise). */
const READ_ROLES: Partial<Record<NodeTypeName, readonly Role[]>> = {
  AuditEntry: [Role.ADMIN, Role.ANALYST],
  ApiToken: [Role.ADMIN],
};


/** `node(id:)` and `nodes(ids:)`: the Relay global object identification specification. */
@Resolver()
export class NodeResolver {
  constructor(private readonly repository: NodeRepository) {}

  @Query(() => Node, { nullable: true, description: 'The object with this id, of any type; null when none has it' })
  @Roles(...READERS)
  async node(@Args('id', { type: () => ID, description: 'An id from any object' }) id: string, @CurrentActor() actor: Actor): Promise<NodeEntity | null> {
    return (await this.find([id], actor))[0];
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `The objects with these ids, in the same order; null where none has the id (at most ${MAX_PAGE_SIZE} ids)`,
  })
  @Roles(...READERS)
  async nodes(
    @Args('ids', { type: () => [ID], description: `Ids from any objects, at most ${MAX_PAGE_SIZE}` }) ids: string[],
    @CurrentActor() actor: Actor,
  ): Promise<(NodeEntity | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw DomainError.badInput('ids', `at most ${MAX_PAGE_SIZE} ids at a time`);
    return this.find(ids, actor);
  }

  private async find(ids: readonly string[], actor: Actor): Promise<(NodeEntity | null)[]> {
    const types = await this.repository.typesOf(ids);
    const byType = new Map<NodeTypeName, string[]>();
    for (const [id, type] of types) {
      const roles = READ_ROLES[type];
      if (roles && !roles.includes(actor.role)) {
        throw new DomainError(ErrorCode.FORBIDDEN, `a ${actor.role} token may not read ${type} records`, { role: actor.role });
      }
      byType.set(type, [...(byType.get(type) ?? []), id]);
    }
    const found = new Map<string, NodeEntity>();
    await Promise.all(
      [...byType].map(async ([type, idsOfType]) => {
        for (const record of await this.repository.load(type, idsOfType)) found.set(record.id, record);
      }),
    );
    return ids.map((id) => found.get(id) ?? null);
  }
}
