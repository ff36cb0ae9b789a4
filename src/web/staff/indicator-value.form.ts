import { RecordIndicatorValueInput } from '../../action-plan/dto/record-indicator-value.input';
import { IsMeasurement } from '../../common/validation/decorators';
import { DecimalControl } from '../forms/form-controls';
import { ValueSubmissionForm } from './value-submission.form';

/**
 * The form that records (or corrects) a value of an indicator: the year and an optional quarter
 * make the API's period, the value takes either decimal separator, the source and note one text
 * per language. Shown again at `year` when the service refuses the period (`period` is its input).
 */
export class IndicatorValueForm extends ValueSubmissionForm {
  @DecimalControl()
  @IsMeasurement()
  value: number;

  /** The API's input for this indicator. */
  toInput(indicatorId: string): RecordIndicatorValueInput {
    return Object.assign(new RecordIndicatorValueInput(), {
      indicatorId,
      period: this.period,
      value: this.value,
      sourceTranslations: this.sourceTranslations,
      noteTranslations: this.noteTranslations,
      correctionReason: this.correctionReason ?? null,
    });
  }
}
