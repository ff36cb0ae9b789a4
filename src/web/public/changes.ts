import { periodText, quantityText } from '../../action-plan/indicator-unit';
import type { Translator } from '../../i18n/i18n.service';
import type { ChangeEntry } from '../../reports/recent-changes.service';
import type { ContentText } from '../layout/content-text';
import { indicatorHref, recommendationHref } from './links';

/** One change in words, and where to read more: the home page's list and the feeds' entries. */
export function describeChange(i18n: Translator, plain: ContentText['plain'], entry: ChangeEntry): { text: string; href: string } {
  if (entry.kind === 'status') {
    const to = i18n.t(`status.${entry.toStatus}`);
    const text = entry.fromStatus
      ? i18n.t('changes.moved', { code: entry.recommendationCode, from: i18n.t(`status.${entry.fromStatus}`), to })
      : i18n.t('changes.created', { code: entry.recommendationCode, to });
    return { text: `${text} — ${plain(entry.recommendationTitle)}`, href: recommendationHref(entry.recommendationCode) };
  }
  if (entry.kind === 'assessment') {
    const text = i18n.t('changes.assessment', { organization: plain(entry.organizationName), code: entry.recommendationCode, status: i18n.t(`status.${entry.status}`) });
    return { text: `${text} — ${plain(entry.recommendationTitle)}`, href: recommendationHref(entry.recommendationCode) };
  }
  const text = i18n.t('changes.value', {
    code: entry.indicatorCode,
    quantity: quantityText(i18n, entry.value, entry),
    period: periodText(i18n, entry.period),
  });
  return { text: `${text} — ${plain(entry.indicatorName)}`, href: indicatorHref(entry.indicatorCode, entry.actionPlanCode) };
}
