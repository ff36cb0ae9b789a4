import type { Recommendation } from '../../recommendations/recommendation.entity';
import type { StaffMember } from '../../responsibility/staff-member.type';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import { SelectField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { summaryOf } from '../forms/field-errors';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';

/** /work/recommendations/{id}/officer: the responsible officer, chosen among the active ministry users of its organisations. */
export function RecommendationOfficerPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  recommendation: Recommendation;
  eligible: StaffMember[];
  chosen: string;
  errors: FieldErrors;
}): SafeHtml {
  const { ctx, recommendation: r } = props;
  const title = `${ctx.t('staff.responsible.officer')}: ${r.code}`;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={title} errors={summaryOf(props.errors)} backLink={{ href: `/work/recommendations/${r.id}`, label: r.code }}>
      <h1 class="govuk-heading-l">{title}</h1>
      <form method="post" action={`/work/recommendations/${r.id}/officer`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="expectedVersion" value={String(r.version)} />
        <SelectField
          ctx={ctx}
          id="responsibleUserId"
          label={ctx.t('staff.responsible.officer')}
          hint={ctx.t('staff.responsible.officerHint')}
          choices={[{ value: '', label: ctx.t('staff.responsible.noOfficer') }, ...props.eligible.map((m) => ({ value: m.id, label: m.displayName }))]}
          value={props.chosen}
          errors={props.errors}
        />
        <Button text={ctx.t('staff.edit.save')} />
      </form>
    </StaffPage>
  );
}
