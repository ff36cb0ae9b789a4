import { Injectable } from '@nestjs/common';
import type { FormProblem, FormValues } from '../../forms/form-invalid';
import { CreatePage } from '../create.views';
import type { FieldErrors } from '../form';
import { fieldsOf, FormChoices, RECORD_KINDS, RecordKind } from '../form-fields';
import { StaffView } from '../staff-pages.service';
import { translatedFieldId } from '../translated-field';

export const CREATE_KINDS = RECORD_KINDS;
export type CreateKind = RecordKind;

/** The create forms' pages: the fields of each kind (form-fields.ts), the records they offer, the errors at their controls. */
@Injectable()
export class CreateFormPages {
  constructor(private readonly choices: FormChoices) {}

  async page(kind: CreateKind, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    const choices = await this.choices.of(kind);
    return new StaffView((ctx, stylesheetHref) => {
      const fields = fieldsOf(ctx, kind, choices);
      const errors: FieldErrors = {};
      for (const problem of problems) {
        const spec = fields.find((f) => f.name === problem.control);
        if (!spec) continue;
        // A translatable field's error is shown at (and linked to) its control in the page's language.
        errors[spec.kind === 'translated' ? translatedFieldId(spec.name, ctx.locale) : spec.name] = ctx.t('staff.create.error', { label: spec.label });
      }
      return CreatePage({ ctx, stylesheetHref, title: ctx.t(`staff.create.${kind}.title`), action: `/work/new/${kind}`, fields, draft: values, errors });
    });
  }
}
