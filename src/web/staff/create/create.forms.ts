import { Transform } from 'class-transformer';
import { CreateActionPlanInput } from '../../../action-plan/dto/create-action-plan.input';
import { CreateIndicatorInput } from '../../../action-plan/dto/create-indicator.input';
import { CreateBarrierInput } from '../../../barriers/dto/create-barrier.input';
import { CreateMeetingInput } from '../../../meetings/dto/create-meeting.input';
import { CreateRecommendationInput } from '../../../recommendations/dto/create-recommendation.input';
import { BlankAsNull, DecimalControl, formShape, ListControl, TranslatedControl } from '../../forms/form-controls';

/*
 * The create forms as types: each is the API's input class (its rules, one source of truth)
 * with the form's shape on top: translatable texts posted per language, numbers with either
 * decimal separator, blank selects as absent, checkboxes as lists.
 */

const trimmed = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class MeetingForm extends CreateMeetingInput {}
formShape(MeetingForm, {
  titleTranslations: TranslatedControl('title', { required: true }),
  heldOn: trimmed,
  settlementTranslations: TranslatedControl('settlement'),
  regionTranslations: TranslatedControl('region'),
  summaryTranslations: TranslatedControl('summary'),
  sourceUrl: BlankAsNull(),
});

export class BarrierForm extends CreateBarrierInput {}
formShape(BarrierForm, {
  titleTranslations: TranslatedControl('title', { required: true }),
  descriptionTranslations: TranslatedControl('description'),
  // One meeting chosen in a select.
  meetingIds: ListControl(),
});

export class RecommendationForm extends CreateRecommendationInput {}
formShape(RecommendationForm, {
  // Blank: generated.
  code: BlankAsNull(),
  titleTranslations: TranslatedControl('title', { required: true }),
  descriptionTranslations: TranslatedControl('description'),
  priority: BlankAsNull(),
  dueDate: BlankAsNull(),
  barrierIds: ListControl(),
  responsibleOrganizationIds: ListControl(),
  indicatorIds: ListControl(),
});

export class PlanForm extends CreateActionPlanInput {}
formShape(PlanForm, {
  titleTranslations: TranslatedControl('title', { required: true }),
  approvedBy: BlankAsNull(),
  approvedOn: BlankAsNull(),
  startYear: DecimalControl(),
  endYear: DecimalControl(),
});

export class IndicatorForm extends CreateIndicatorInput {}
formShape(IndicatorForm, {
  nameTranslations: TranslatedControl('name', { required: true }),
  // Unchosen: LEVEL and YEARLY.
  measure: BlankAsNull(),
  reportingFrequency: BlankAsNull(),
  baselineYear: DecimalControl(),
  baselineValue: DecimalControl(),
  responsibleOrganizationId: BlankAsNull(),
});
