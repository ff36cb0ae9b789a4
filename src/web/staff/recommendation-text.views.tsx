import type { Recommendation } from '../../recommendations/recommendation.entity';
import { h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../components/csrf-field';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from '../forms/field-errors';
import { Button } from '../components/button';
import { summaryOf } from '../forms/field-errors';
import { StaffPage } from './staff-layout';
import { TranslatedField, TranslatedValues } from './translated-field';

export interface RecommendationTextDraft {
  title: TranslatedValues;
  description: TranslatedValues;
}

/** The recommendation's title and description in each language, edited in one form (one update, one audit entry). */
export function RecommendationTextPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  recommendation: Recommendation;
  draft: RecommendationTextDraft;
  errors: FieldErrors;
}): SafeHtml {
  const { ctx } = props;
  const r = props.recommendation;
  const title = ctx.t('staff.recommendation.editTitle');
  return (
    <StaffPage
      ctx={ctx}
      stylesheetHref={props.stylesheetHref}
      title={`${r.code}: ${title}`}
      errors={summaryOf(props.errors)}
      backLink={{ href: `/work/recommendations/${r.id}`, label: r.code }}
    >
      <span class="govuk-caption-l">{r.code}</span>
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={`/work/recommendations/${r.id}/text`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="expectedVersion" value={String(r.version)} />
        <TranslatedField ctx={ctx} field="title" label={ctx.t('staff.create.field.title')} kind="textarea" rows={3} values={props.draft.title} errors={props.errors} />
        <TranslatedField
          ctx={ctx}
          field="description"
          label={ctx.t('staff.create.field.description')}
          kind="textarea"
          rows={7}
          values={props.draft.description}
          errors={props.errors}
        />
        <Button text={ctx.t('staff.recommendation.saveText')} />
      </form>
    </StaffPage>
  );
}
