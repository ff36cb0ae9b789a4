import { Field, ID, InterfaceType } from '@nestjs/graphql';

/**
 * The Relay global object identification specification: every object with an id implements Node
 * and can be fetched again by `node(id:)`. Ids are the records' UUIDs, unique across all types,
 * so the ids clients already store stay valid.
 */
@InterfaceType('Node', {
  description: 'An object with an id unique across all types: fetch it again with `node(id:)` or `nodes(ids:)`',
  // Nodes are entity instances; each class is registered under its own name (@ObjectType()).
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Unique across all types; stable for the life of the record' })
  id: string;
}
