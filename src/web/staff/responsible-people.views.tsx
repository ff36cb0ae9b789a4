import type { StaffMember } from '../../responsibility/staff-member.type';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';

/** Who is responsible, as a page shows it: hidden (null) from those who may not see names (see maySeeMembersOf). */
export interface OfficerView {
  officer: StaffMember | null;
}

/** The officer's name, marked when the account is deactivated, or that none is named. */
export function officerText(ctx: PageContext, officer: StaffMember | null): string {
  if (!officer) return ctx.t('staff.responsible.none');
  return officer.active ? officer.displayName : ctx.t('staff.responsible.deactivated', { name: officer.displayName });
}

/** A summary-list row: the responsible officer, or that none is named (reminders then go to the focal points). */
export function OfficerRow({ ctx, officer }: { ctx: PageContext; officer: StaffMember | null }): SafeHtml {
  const text = officerText(ctx, officer);
  return (
    <div class="govuk-summary-list__row" data-officer={officer?.id ?? ''}>
      <dt class="govuk-summary-list__key">{ctx.t('staff.responsible.officer')}</dt>
      <dd class="govuk-summary-list__value">{text}</dd>
    </div>
  );
}
