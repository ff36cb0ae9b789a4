import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { UpdateActionPlanInput } from '../../../action-plan/dto/update-action-plan.input';
import { UpdateIndicatorInput } from '../../../action-plan/dto/update-indicator.input';
import { UpdateBarrierInput } from '../../../barriers/dto/update-barrier.input';
import { UpdateMeetingInput } from '../../../meetings/dto/update-meeting.input';
import { BlankAsNull, DecimalControl, formShape, ListControl, TranslatedControl } from '../../forms/form-controls';

/*
 * The edit forms as types: each is the API's update input class (its rules, one source of truth)
 * with the form's shape on top, as the create forms (create.forms.ts): every language of a
 * translatable text posted (a blank one removes that language), numbers with either decimal
 * separator, blank optional values as cleared. The hidden `expectedVersion` is the version the
 * form was filled from: a save after someone else's is refused (CONFLICT) and shown as such.
 */

const trimmed = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The version the form was shown with (a hidden field). */
function ExpectedVersion(): PropertyDecorator {
  return (target, property) => {
    DecimalControl()(target, property);
    IsOptional()(target, property);
    IsInt()(target, property);
    Min(1)(target, property);
  };
}

export class MeetingEditForm extends UpdateMeetingInput {
  @ExpectedVersion()
  expectedVersion?: number | null;
}
formShape(MeetingEditForm, {
  titleTranslations: TranslatedControl('title', { required: true, edit: true }),
  heldOn: trimmed,
  settlementTranslations: TranslatedControl('settlement', { edit: true }),
  regionTranslations: TranslatedControl('region', { edit: true }),
  summaryTranslations: TranslatedControl('summary', { edit: true }),
  sourceUrl: BlankAsNull(),
});

export class BarrierEditForm extends UpdateBarrierInput {
  @ExpectedVersion()
  expectedVersion?: number | null;
}
formShape(BarrierEditForm, {
  titleTranslations: TranslatedControl('title', { required: true, edit: true }),
  descriptionTranslations: TranslatedControl('description', { edit: true }),
  // The meetings ticked: none is refused (a barrier was raised somewhere).
  meetingIds: ListControl(),
});

export class PlanEditForm extends UpdateActionPlanInput {
  @ExpectedVersion()
  expectedVersion?: number | null;
}
formShape(PlanEditForm, {
  titleTranslations: TranslatedControl('title', { required: true, edit: true }),
  approvedBy: BlankAsNull(),
  approvedOn: BlankAsNull(),
  startYear: DecimalControl(),
  endYear: DecimalControl(),
});

export class IndicatorEditForm extends UpdateIndicatorInput {
  @ExpectedVersion()
  expectedVersion?: number | null;
}
formShape(IndicatorEditForm, {
  nameTranslations: TranslatedControl('name', { required: true, edit: true }),
  baselineYear: DecimalControl(),
  baselineValue: DecimalControl(),
  responsibleOrganizationId: BlankAsNull(),
});
