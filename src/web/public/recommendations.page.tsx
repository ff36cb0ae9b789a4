import { FollowByEmail } from './follow-form';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { rowsWithValues, SummaryList } from '../components/summary-list';
import { FallbackNote } from '../layout/fallback-note';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';
import { DivergentTag, OverdueTag, StatusTag } from '../components/status-tag';
import { EvidenceLinks } from '../staff/assessment.views';
import { FeedLink, indicatorHref } from './links';
import { RecommendationTable } from './recommendation-table';
import type { RecommendationData, RecommendationListData } from './public-pages.service';

/** The list's filters as they are in the URL. */
export interface RecommendationListFilters {
  status: RecommendationStatus[];
  organisation?: string;
  meeting?: string;
  barrier?: string;
  /** A framework item's id (from its page's link): kept, hidden, while the other filters change. */
  framework?: string;
  overdue: boolean;
  divergent: boolean;
  q?: string;
}

/** The filters as a query string (for the next-page link: the same filters, another page). */
export function filtersQuery(filters: RecommendationListFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const status of filters.status) query.append('status', status);
  if (filters.organisation) query.set('organisation', filters.organisation);
  if (filters.meeting) query.set('meeting', filters.meeting);
  if (filters.barrier) query.set('barrier', filters.barrier);
  if (filters.framework) query.set('framework', filters.framework);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.divergent) query.set('divergent', 'true');
  if (filters.q) query.set('q', filters.q);
  return query;
}

/** A filter's choices as a <select>; with too many to list, the active choice (from a link) kept hidden. */
function Select(props: { id: string; label: string; anyLabel: string; value?: string; options: { value: string; label: string }[] | null }): SafeHtml {
  if (props.options === null) return props.value ? <input type="hidden" name={props.id} value={props.value} /> : <></>;
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      <select class="govuk-select" id={props.id} name={props.id}>
        <option value="">{props.anyLabel}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** `/recommendations`: filters in the URL (a GET form), keyset pages by a "next" link. */
export function RecommendationListPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  data: RecommendationListData;
  filters: RecommendationListFilters;
  isFirstPage: boolean;
}): SafeHtml {
  const { ctx, data, filters } = props;
  const { t } = ctx;
  const query = filtersQuery(filters);
  const next = data.page.pageInfo.hasNextPage && data.page.pageInfo.endCursor ? new URLSearchParams(query) : null;
  next?.set('after', data.page.pageInfo.endCursor!);
  const first = query.toString();
  return (
    <Layout ctx={ctx} title={t('recommendations.title')} stylesheetHref={props.stylesheetHref} section="recommendations">
      <h1 class="govuk-heading-xl">{t('recommendations.title')}</h1>
      <form method="get" action="/recommendations" class="app-filters" role="search">
        <h2 class="govuk-heading-m">{t('filters.title')}</h2>
        <div class="govuk-form-group">
          <label class="govuk-label" for="q">
            {t('filters.search')}
          </label>
          <input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="search" value={filters.q ?? ''} maxlength="200" />
        </div>
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('filters.status')}</legend>
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {Object.values(RecommendationStatus).map((status) => (
                <div class="govuk-checkboxes__item">
                  <input
                    class="govuk-checkboxes__input"
                    id={`status-${status}`}
                    name="status"
                    type="checkbox"
                    value={status}
                    checked={filters.status.includes(status)}
                  />
                  <label class="govuk-label govuk-checkboxes__label" for={`status-${status}`}>
                    {t(`status.${status}`)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Select
          id="organisation"
          label={t('filters.organisation')}
          anyLabel={t('filters.any')}
          value={filters.organisation}
          options={data.organizations?.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) })) ?? null}
        />
        <Select
          id="meeting"
          label={t('filters.meeting')}
          anyLabel={t('filters.any')}
          value={filters.meeting}
          options={data.meetings?.map((m) => ({ value: m.id, label: `${ctx.i18n.date(m.heldOn, 'short')} ${ctx.text.plain(m.title)}` })) ?? null}
        />
        <Select
          id="barrier"
          label={t('filters.barrier')}
          anyLabel={t('filters.any')}
          value={filters.barrier}
          options={data.barriers?.map((b) => ({ value: b.id, label: ctx.text.plain(b.title) })) ?? null}
        />
        {filters.framework ? <input type="hidden" name="framework" value={filters.framework} /> : null}
        <div class="govuk-form-group">
          <div class="govuk-checkboxes govuk-checkboxes--small">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true" checked={filters.overdue} />
              <label class="govuk-label govuk-checkboxes__label" for="overdue">
                {t('filters.overdue')}
              </label>
            </div>
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="divergent" name="divergent" type="checkbox" value="true" checked={filters.divergent} />
              <label class="govuk-label govuk-checkboxes__label" for="divergent">
                {t('filters.divergent')}
              </label>
            </div>
          </div>
        </div>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button">
            {t('filters.apply')}
          </button>
          <a class="govuk-link" href="/recommendations">
            {t('filters.clear')}
          </a>
        </div>
      </form>
      <p class="govuk-body govuk-!-font-weight-bold" data-total={String(data.page.totalCount)} role="status">
        {t('recommendations.found', { count: data.page.totalCount })}
      </p>
      {data.rows.length === 0 ? <p class="govuk-body">{t('recommendations.none')}</p> : <RecommendationTable ctx={ctx} rows={data.rows} />}
      {next || !props.isFirstPage ? (
        <nav class="govuk-pagination govuk-pagination--block" aria-label={t('pagination.label')}>
          {!props.isFirstPage ? (
            <div class="govuk-pagination__prev">
              <a class="govuk-link govuk-pagination__link" href={first ? `/recommendations?${first}` : '/recommendations'}>
                <span class="govuk-pagination__link-title">{t('pagination.first')}</span>
              </a>
            </div>
          ) : null}
          {next ? (
            <div class="govuk-pagination__next">
              <a class="govuk-link govuk-pagination__link" href={`/recommendations?${next.toString()}`} rel="next">
                <span class="govuk-pagination__link-title">{t('pagination.next')}</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}

/** `/recommendations/{code}`: the recommendation, where it came from, who answers for it, its history. */
export function RecommendationPage({ ctx, stylesheetHref: css, data, followable = false }: { ctx: PageContext; stylesheetHref: string; data: RecommendationData; followable?: boolean }): SafeHtml {
  const { t, i18n } = ctx;
  const r = data.recommendation;
  const feed = `/recommendations/${encodeURIComponent(r.code)}/changes.atom`;
  return (
    <Layout
      ctx={ctx}
      title={`${r.code}: ${ctx.text.plain(r.title)}`}
      stylesheetHref={css}
      section="recommendations"
      description={ctx.text.plain(r.description ?? r.title)}
      head={<FeedLink href={feed} title={t('feed.titleFor', { name: r.code })} />}
    >
      <span class="govuk-caption-l">{r.code}</span>
      <h1 class="govuk-heading-l">{ctx.text(r.title)}</h1>
      <FallbackNote ctx={ctx} translations={r.title} />
      <p class="govuk-body">
        <StatusTag ctx={ctx} status={r.status} /> {data.overdue ? <OverdueTag ctx={ctx} /> : null} {data.divergent ? <DivergentTag ctx={ctx} /> : null}
      </p>
      {r.description ? <p class="govuk-body-l">{ctx.text(r.description)}</p> : null}
      <SummaryList
        rows={rowsWithValues([
          {
            key: t('recommendation.raised'),
            value: data.meeting ? (
              <a class="govuk-link" href={`/meetings/${data.meeting.id}`}>
                {ctx.text.join([data.meeting.title, data.meeting.settlement, data.meeting.region, i18n.date(data.meeting.heldOn)])}
              </a>
            ) : null,
          },
          { key: t('recommendation.kind'), value: t(`kind.${r.kind}`) },
          { key: t('recommendation.priority'), value: t(`priority.${r.priority}`) },
          { key: t('recommendation.dueDate'), value: r.dueDate ? i18n.date(r.dueDate) : t('recommendation.noDueDate') },
          {
            key: t('recommendation.responsible'),
            value: data.organizations.length ? (
              <ul class="govuk-list">
                {data.organizations.map((o) => (
                  <li>
                    <a class="govuk-link" href={`/organisations/${o.id}`}>
                      {ctx.text(o.name)}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              t('none')
            ),
          },
          {
            key: t('recommendation.barriers'),
            value: data.barriers.length ? (
              <ul class="govuk-list govuk-list--bullet">
                {data.barriers.map((b) => (
                  <li>{ctx.text(b.title)}</li>
                ))}
              </ul>
            ) : (
              t('none')
            ),
          },
        ])}
      />
      <IndependentAssessments ctx={ctx} data={data} />
      <h2 class="govuk-heading-m">{t('recommendation.history')}</h2>
      <ol class="app-timeline" data-list="history">
        {data.history.map((change) => (
          <li class="app-timeline__item">
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
              {change.fromStatus
                ? t('recommendation.moved', { from: t(`status.${change.fromStatus}`), to: t(`status.${change.toStatus}`) })
                : t('recommendation.created', { status: t(`status.${change.toStatus}`) })}
            </h3>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              <time datetime={change.changedAt.toISOString()}>{i18n.dateTime(change.changedAt)}</time>
            </p>
            {change.note ? <p class="govuk-body govuk-!-margin-bottom-1">{ctx.text(change.note)}</p> : null}
            {change.evidenceUrl && /^https?:\/\//i.test(change.evidenceUrl) ? (
              <p class="govuk-body">
                {t('recommendation.evidence')}:{' '}
                <a class="govuk-link" href={change.evidenceUrl} rel="nofollow noopener">
                  {change.evidenceUrl}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <h2 class="govuk-heading-m">{t('recommendation.indicators')}</h2>
      {data.indicators.length ? (
        <ul class="govuk-list">
          {data.indicators.map((i) => (
            <li>
              <a class="govuk-link" href={indicatorHref(i.code, i.plan?.code)}>
                {`${i.code} ${ctx.text.plain(i.name)}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t('none')}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={feed}>
          {t('recommendation.feed')}
        </a>
      </p>
      {followable ? <FollowByEmail ctx={ctx} target={{ recommendationId: r.id }} /> : null}
    </Layout>
  );
}

/**
 * Civil society's own view beside the official status: each organisation's latest published
 * assessment with its name, date and evidence, and what publication means (form and safety were
 * checked, not agreement).
 */
function IndependentAssessments({ ctx, data }: { ctx: PageContext; data: RecommendationData }): SafeHtml {
  const { t, i18n } = ctx;
  return (
    <section aria-labelledby="assessments-title" data-list="assessments">
      <h2 class="govuk-heading-m" id="assessments-title">
        {t('recommendation.assessments.title')}
      </h2>
      {data.assessments.length === 0 ? (
        <p class="govuk-body">{t('recommendation.assessments.none')}</p>
      ) : (
        <>
          {data.divergent ? (
            <div class="govuk-inset-text" data-divergence-note="true">
              {t('recommendation.assessments.divergent', { status: t(`status.${data.recommendation.status}`) })}
            </div>
          ) : null}
          {data.assessments.map(({ version, organization }) => (
            <div class="app-assessment govuk-!-margin-bottom-6" data-organization={version.organizationId} data-independent-status={version.status}>
              <h3 class="govuk-heading-s govuk-!-margin-bottom-2">{organization ? ctx.text(organization.name) : '—'}</h3>
              <SummaryList
                rows={rowsWithValues([
                  { key: t('recommendation.assessments.official'), value: <StatusTag ctx={ctx} status={data.recommendation.status} /> },
                  { key: t('recommendation.assessments.independent'), value: <StatusTag ctx={ctx} status={version.status} /> },
                  { key: t('recommendation.assessments.assessedOn'), value: i18n.date(version.assessedOn) },
                  { key: t('recommendation.assessments.text'), value: ctx.text(version.text) },
                  { key: t('recommendation.assessments.evidence'), value: <EvidenceLinks ctx={ctx} urls={version.evidenceUrls} /> },
                ])}
              />
            </div>
          ))}
        </>
      )}
      <p class="govuk-body-s" data-moderation-note="true">
        {t('assessment.moderationNote')}
      </p>
    </section>
  );
}
