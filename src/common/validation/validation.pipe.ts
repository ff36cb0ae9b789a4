import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text';
import { keepValidationRuleLookups } from './validation-rule-lookups';

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return own.concat(describe(error.children ?? [], path));
  });
}

/**
 * Also refuses, in every argument (GraphQL arguments, literal or variable, and HTTP
 * query strings and bodies alike, scalars included), text PostgreSQL cannot store.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const path = findUnstorableText(value, metadata.data ?? '');
    if (path !== null) {
      const field = path || 'argument';
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${UNSTORABLE_TEXT_MESSAGE}`, {
        fields: [field.split('.')[0]],
        validation: [`${field}: ${UNSTORABLE_TEXT_MESSAGE}`],
      });
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: validates every @InputType/@ArgsType with class-validator and
 * answers BAD_USER_INPUT naming each offending field (e.g. `input.title: ...`).
 */
export function createValidationPipe(): ValidationPipe {
  keepValidationRuleLookups();
  return new EdgeValidationPipe({
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
