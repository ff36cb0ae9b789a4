import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';

/**
 * The global ValidationPipe drops parameters its DTO does not declare; for a
 * download that would turn a typo (?stauts=...) into an unfiltered export. So an
 * unknown parameter is refused, named like any other bad parameter.
 */
export function assertKnownParameters(dto: new () => object, query: Record<string, unknown>): void {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  );
  const unknown = Object.keys(query).find((name) => !known.has(name));
  if (unknown !== undefined) throw DomainError.badInput(unknown, 'is not a parameter of this download');
}
