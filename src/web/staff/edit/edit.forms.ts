import { Transform } from 'class-transformer';
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


export class MeetingEditForm extends UpdateMeetingInput {}
formShape(MeetingEditForm, {
  // The version the form was shown with (a hidden field); the input's own rules check it.
  expectedVersion: DecimalControl(),
  titleTranslations: TranslatedControl('title', { required: true, edit: true }),
  heldOn: trimmed,
  settlementTranslations: TranslatedControl('settlement', { edit: true }),
  regionTranslations: TranslatedControl('region', { edit: true }),
  summaryTranslations: TranslatedControl('summary', { edit: true }),
  sourceUrl: BlankAsNull(),
});

export class BarrierEditForm extends UpdateBarrierInput {}
formShape(BarrierEditForm, {
  // The version the form was shown with (a hidden field); the input's own rules check it.
  expectedVersion: DecimalControl(),
  titleTranslations: TranslatedControl('title', { required: true, edit: true }),
  descriptionTranslations: TranslatedControl('description', { edit: true }),
  // The meetings ticked: none is refused (a barrier was raised somewhere).
  meetingIds: ListControl(),
});

export class PlanEditForm extends UpdateActionPlanInput {}
formShape(PlanEditForm, {
  // The version the form was shown with (a hidden field); the input's own rules check it.
  expectedVersion: DecimalControl(),
  titleTranslations: TranslatedControl('title', { required: true, edit: true }),
  approvedBy: BlankAsNull(),
  approvedOn: BlankAsNull(),
  startYear: DecimalControl(),
  endYear: DecimalControl(),
});

export class IndicatorEditForm extends UpdateIndicatorInput {}
formShape(IndicatorEditForm, {
  // The version the form was shown with (a hidden field); the input's own rules check it.
  expectedVersion: DecimalControl(),
  nameTranslations: TranslatedControl('name', { required: true, edit: true }),
  baselineYear: DecimalControl(),
  baselineValue: DecimalControl(),
  responsibleOrganizationId: BlankAsNull(),
  responsibleUserId: BlankAsNull(),
});
