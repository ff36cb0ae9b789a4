import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { ParticipantRole } from '../../meetings/meeting.enums';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { rowsWithValues, SummaryList } from '../components/summary-list';
import { FallbackNote } from '../layout/fallback-note';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';
import { RecommendationTable } from './recommendation-table';
import type { MeetingData, MeetingListData } from './public-pages.service';

/** `/meetings`: newest first, a "next" link per 20. */
export function MeetingListPage(props: { ctx: PageContext; stylesheetHref: string; data: MeetingListData; isFirstPage: boolean }): SafeHtml {
  const { ctx, data } = props;
  const { t, i18n } = ctx;
  const { endCursor, hasNextPage } = data.page.pageInfo;
  return (
    <Layout ctx={ctx} title={t('meetings.title')} stylesheetHref={props.stylesheetHref} section="meetings">
      <h1 class="govuk-heading-xl">{t('meetings.title')}</h1>
      {data.page.edges.length === 0 ? (
        <p class="govuk-body">{t('meetings.none')}</p>
      ) : (
        <TableWrapper label={t('meetings.title')}>
          <Table
            attributes={{ 'data-list': 'meetings' }}
            head={[{ text: t('table.date') }, { text: t('table.meeting') }, { text: t('table.place') }, { text: t('recommendations.title'), format: 'numeric' }]}
            rowAttributes={data.page.edges.map(({ node: m }) => ({ 'data-meeting': m.id }))}
            rows={data.page.edges.map(({ node: m }) => [
              { classes: 'app-nowrap', text: i18n.date(m.heldOn) },
              {
                html: (
                  <a class="govuk-link" href={`/meetings/${m.id}`}>
                    {ctx.text(m.title)}
                  </a>
                ),
              },
              { html: ctx.text.join([m.settlement, m.region]) },
              { text: i18n.number(data.recommendationCounts.get(m.id) ?? 0), format: 'numeric' },
            ])}
          />
        </TableWrapper>
      )}
      {hasNextPage || !props.isFirstPage ? (
        <nav class="govuk-pagination govuk-pagination--block" aria-label={t('pagination.label')}>
          {!props.isFirstPage ? (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href="/meetings">
                <span class="govuk-pagination__link-title">{t('pagination.first')}</span>
              </a>
            </div>
          ) : null}
          {hasNextPage && endCursor ? (
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={`/meetings?after=${encodeURIComponent(endCursor)}`} rel="next">
                <span class="govuk-pagination__link-title">{t('pagination.next')}</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

/** `/meetings/{id}`: the roundtable, who spoke, what was raised and proposed, where each proposal stands. */
export function MeetingPage({ ctx, stylesheetHref, data }: { ctx: PageContext; stylesheetHref: string; data: MeetingData }): SafeHtml {
  const { t, i18n } = ctx;
  const m = data.meeting;
  const byRole = (role: ParticipantRole) => data.participants.filter((p) => p.role === role);
  const who = (p: MeetingData['participants'][number]) =>
    ctx.text.join([p.person?.fullName, p.person?.position, p.organization?.name]);
  return (
    <Layout ctx={ctx} title={ctx.text.plain(m.title)} stylesheetHref={stylesheetHref} section="meetings" description={ctx.text.plain(m.summary ?? m.title)}>
      <span class="govuk-caption-l">{t(`format.${m.format}`)}</span>
      <h1 class="govuk-heading-l">{ctx.text(m.title)}</h1>
      <FallbackNote ctx={ctx} translations={m.title} />
      <SummaryList
        rows={rowsWithValues([
          { key: t('meeting.date'), value: i18n.date(m.heldOn) },
          { key: t('meeting.place'), value: ctx.text.join([m.settlement, m.region]) },
          { key: t('meeting.format'), value: t(`format.${m.format}`) },
          ...Object.values(ParticipantRole).map((role) => ({
            key: t(`meeting.role.${role}`),
            value: byRole(role).length ? (
              <ul class="govuk-list">
                {byRole(role).map((p) => (
                  <li>{who(p)}</li>
                ))}
              </ul>
            ) : null,
          })),
          {
            key: t('meeting.source'),
            value: (
              <>
                {m.sourceUrl && /^https?:\/\//i.test(m.sourceUrl) ? (
                  <a class="govuk-link" href={m.sourceUrl} rel="nofollow noopener">
                    {m.sourceUrl}
                  </a>
                ) : null}
                {/* Which texts are translations of the source (the news report), in the page's language. */}
                {m.sourceNote ? <p class="govuk-body-s" data-field="source-note">{ctx.text(m.sourceNote)}</p> : null}
              </>
            ),
          },
        ])}
      />
      {m.summary ? (
        <>
          <h2 class="govuk-heading-m">{t('meeting.summary')}</h2>
          <p class="govuk-body">{ctx.text(m.summary)}</p>
        </>
      ) : null}
      <h2 class="govuk-heading-m">{t('meeting.barriers')}</h2>
      {data.barriers.length ? (
        <ul class="govuk-list govuk-list--bullet" data-list="barriers">
          {data.barriers.map((b) => (
            <li>
              <strong>{ctx.text(b.title)}</strong> ({t(`barrier.${b.category}`)}){b.description ? <>. {ctx.text(b.description)}</> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t('none')}</p>
      )}
      <h2 class="govuk-heading-m">{t('meeting.recommendations')}</h2>
      {data.recommendations.length ? <RecommendationTable ctx={ctx} rows={data.recommendations} /> : <p class="govuk-body">{t('none')}</p>}
    </Layout>
  );
}
