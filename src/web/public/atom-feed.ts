import { XMLBuilder } from 'fast-xml-parser';
import type { ContentText } from '../layout/content-text';
import type { Translator } from '../../i18n/i18n.service';
import type { ChangeEntry } from '../../reports/recent-changes.service';
import type { Translations } from '../../i18n/translations';
import { describeChange } from './changes';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true, format: false });

/**
 * An Atom 1.0 feed (RFC 4287) of the changes: each status change or recorded value an
 * entry with a stable id, its time, a title in the reader's language and a link to its page.
 */
export function atomFeed(params: {
  i18n: Translator;
  plain: ContentText['plain'];
  fallbackLocale: ContentText['fallbackLocale'];
  origin: string;
  path: string;
  title: string;
  entries: ChangeEntry[];
  updated: Date;
}): string {
  const { i18n, origin } = params;
  // The language a text is served in: the feed's, or its fallback's (xml:lang is inherited, so it is said only where it changes).
  const servedIn = (translations: Translations | null | undefined) => params.fallbackLocale(translations) ?? i18n.locale;
  const feed = {
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': i18n.locale,
      id: `${origin}${params.path}`,
      title: params.title,
      updated: params.updated.toISOString(),
      link: [
        { '@rel': 'self', '@type': 'application/atom+xml', '@href': `${origin}${params.path}` },
        { '@rel': 'alternate', '@type': 'text/html', '@href': `${origin}/` },
      ],
      author: { name: i18n.t('site.name') },
      entry: params.entries.map((entry) => {
        const change = describeChange(i18n, params.plain, entry);
        const summaryText = entry.kind === 'status' ? entry.note : entry.kind === 'assessment' ? entry.text : entry.source;
        const summary =
          entry.kind === 'status'
            ? [params.plain(entry.note), entry.evidenceUrl].filter(Boolean).join(' — ')
            : entry.kind === 'assessment'
              ? [params.plain(entry.text), ...entry.evidenceUrls].filter(Boolean).join(' — ')
              : params.plain(entry.source);
        // An entry about a recommendation or indicator not yet translated is marked with the language of its title,
        // the bulk of its text (the event's few words stay in the feed's language).
        const entryLang = servedIn(entry.kind === 'value' ? entry.indicatorName : entry.recommendationTitle);
        const summaryLang = servedIn(summaryText);
        return {
          ...(entryLang !== i18n.locale ? { '@xml:lang': entryLang } : {}),
          id: `urn:uuid:${entry.id}`,
          title: change.text,
          updated: entry.at.toISOString(),
          link: { '@rel': 'alternate', '@type': 'text/html', '@href': `${origin}${change.href}` },
          ...(summary ? { summary: summaryLang !== entryLang && summaryText ? { '@xml:lang': summaryLang, '#text': summary } : summary } : {}),
        };
      }),
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(feed)}`;
}
