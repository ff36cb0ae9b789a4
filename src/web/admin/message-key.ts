import type { PageContext } from '../layout/page-context';

/** A key of the message catalogs. */
export type MessageKey = Parameters<PageContext['t']>[0];
