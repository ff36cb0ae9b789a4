import { XMLBuilder } from 'fast-xml-parser';
import type { ContentText } from '../layout/content-text';
import type { Translator } from '../../i18n/i18n.service';
import type { ChangeEntry } from '../../reports/recent-changes.service';
import { describeChange } from './changes';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true, format: false });

/**
 * An Atom 1.0 feed (RFC 4287) of the changes: each status change or recorded value an
 * entry with a stable id, its time, a title in the reader's language and a link to its page.
 */
export function atomFeed(params: { i18n: Translator; plain: ContentText['plain']; origin: string; path: string; title: string; entries: ChangeEntry[]; updated: Date }): string {
  const { i18n, origin } = params;
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
        const summary =
          entry.kind === 'status'
            ? [params.plain(entry.note), entry.evidenceUrl].filter(Boolean).join(' — ')
            : params.plain(entry.source);
        return {
          id: `urn:uuid:${entry.id}`,
          title: change.text,
          updated: entry.at.toISOString(),
          link: { '@rel': 'alternate', '@type': 'text/html', '@href': `${origin}${change.href}` },
          ...(summary ? { summary } : {}),
        };
      }),
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(feed)}`;
}
