import type { GraphqlContext } from '../common/graphql-context';
import type { LiveConnection } from './live-connection';

/** The context of a subscription's operation: the HTTP API's, with the connection whose access is re-checked. */
export interface LiveContext extends GraphqlContext {
  connection: LiveConnection;
}
