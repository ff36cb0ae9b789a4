import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where a page of a connection lies in the list (the Relay cursor connections specification)' })
export class PageInfo {
  @Field({ description: 'Whether more edges follow this page (forward: known; backward: true when the page ended before a cursor)' })
  hasNextPage: boolean;

  @Field({ description: 'Whether edges precede this page (backward: known; forward: true when the page started after a cursor)' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor: pass it as `before` for the previous page; null on an empty page" })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor: pass it as `after` for the next page; null on an empty page" })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the `XEdge` / `XConnection` pair of the Relay cursor connection for a node type. */
export function ConnectionType<T>(nodeType: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page of a connection, with its cursor` })
  class EdgeType {
    @Field({ description: 'Opaque position of this edge: pass it as `after` or `before` to page from here' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name} at this position` })
    node: T;
  }

  @ObjectType({ isAbstract: true })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The page, in the list order' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursors of this page and whether more pages lie before or after it' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has with these filters (not only this page)' })
    totalCount: number;
  }
  return ConnectionClass;
}
