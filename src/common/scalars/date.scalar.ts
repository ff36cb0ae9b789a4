import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';
import { isCalendarDate } from './calendar-date';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time or zone, carried as the string YYYY-MM-DD. */
@Scalar('Date', () => DateScalarType)
export class DateScalar implements CustomScalar<string, string> {
  description = 'A calendar date, YYYY-MM-DD';

  parseValue(value: unknown): string {
    return parse(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parse(value);
  }

  parseLiteral(ast: ValueNode): string {
    return parse(ast.kind === Kind.STRING ? ast.value : undefined);
  }
}

/** Type token for `@Field(() => DateScalarType)`; values are YYYY-MM-DD strings. */
export class DateScalarType {}
