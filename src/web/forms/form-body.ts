import { ArgumentMetadata, createParamDecorator, ExecutionContext, Injectable, PipeTransform, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Request } from 'express';
import { controlOf } from './form-controls';
import { FormInvalid, FormProblem, formValuesOf, FormValues } from './form-invalid';

export type FormType = Type<object>;

/** The form being posted, kept on the request for the staff error filter (to show it again on a domain error). */
export interface PostedForm {
  type: FormType;
  values: FormValues;
  /** The controller that shows the form (a FormPageController). */
  controller: Type<unknown>;
}

export type FormRequest = Request & { postedForm?: PostedForm };

/**
 * The problems of a failed validation, by the controls that show the invalid properties, in the
 * order the form posted its controls (a browser posts them in the page's order, so the error
 * summary lists them as the person meets them, whatever order the class declares them in).
 */
export function problemsOf(type: FormType, errors: ValidationError[], values: FormValues = {}): FormProblem[] {
  const seen = new Set<string>();
  const problems: FormProblem[] = [];
  for (const error of errors) {
    const control = controlOf(type, error.property);
    if (seen.has(control.name)) continue;
    seen.add(control.name);
    problems.push({ control: control.name, translated: control.translated, reason: 'invalid', params: {} });
  }
  const posted = Object.keys(values);
  const place = (name: string) => {
    const index = posted.findIndex((key) => key === name || key.startsWith(`${name}-`));
    return index < 0 ? posted.length : index;
  };
  return problems.map((problem, index) => ({ problem, index })).sort((a, b) => place(a.problem.control) - place(b.problem.control) || a.index - b.index).map(({ problem }) => problem);
}

/**
 * Validates a posted form into its DTO class (class-validator, unknown fields dropped); an
 * invalid one raises FormInvalid with every invalid control at once and the values as posted.
 */
@Injectable()
export class FormPipe implements PipeTransform<unknown, Promise<object>> {
  async transform(body: unknown, metadata: ArgumentMetadata): Promise<object> {
    const type = metadata.data as unknown as FormType;
    const values = formValuesOf(body);
    const form = plainToInstance(type, { ...values });
    const errors = await validate(form, { whitelist: true, forbidUnknownValues: false });
    if (errors.length > 0) throw new FormInvalid(values, problemsOf(type, errors, values));
    return form;
  }
}

const postedForm = createParamDecorator((type: FormType, ctx: ExecutionContext): unknown => {
  const req = ctx.switchToHttp().getRequest<FormRequest>();
  req.postedForm = { type, values: formValuesOf(req.body), controller: ctx.getClass() };
  return req.body;
});

/**
 * The posted form as its DTO class (the parameter's type), validated by FormPipe. The request
 * remembers the form and its controller, so the staff error filter can show it again.
 */
export function FormBody(): ParameterDecorator {
  return (target, key, index) => {
    const types = Reflect.getMetadata('design:paramtypes', target, key as string) as FormType[];
    postedForm(types[index], new FormPipe())(target, key, index);
  };
}
