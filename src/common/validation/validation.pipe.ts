import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return own.concat(describe(error.children ?? [], path));
  });
}

/**
 * The global pipe: validates every @InputType/@ArgsType with class-validator and
 * answers BAD_USER_INPUT naming each offending field (e.g. `input.title: ...`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => {
      const messages = describe(errors);
      return new DomainError(ErrorCode.BAD_USER_INPUT, messages.join('; '), {
        fields: errors.map((e) => e.property),
        validation: messages,
      });
    },
  });
}
