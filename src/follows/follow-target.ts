import type { Translations } from '../i18n/translations';

/** The one public record a follow is about. */
export type FollowTarget = { recommendationId: string } | { indicatorId: string } | { organizationId: string };

/** The three columns of a target (exactly one set). */
export function targetColumns(target: FollowTarget): { recommendationId: string | null; indicatorId: string | null; organizationId: string | null } {
  return {
    recommendationId: 'recommendationId' in target ? target.recommendationId : null,
    indicatorId: 'indicatorId' in target ? target.indicatorId : null,
    organizationId: 'organizationId' in target ? target.organizationId : null,
  };
}

/** What the pages and mails say of a followed record: its kind, how it is named, where its public page is. */
export interface FollowedRecord {
  kind: 'recommendation' | 'indicator' | 'organisation';
  /** The recommendation's or indicator's code; null for an organisation (named by `name`). */
  code: string | null;
  name: Translations;
  /** The public page's path (no language). */
  path: string;
}
