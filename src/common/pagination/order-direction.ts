import { registerEnumType } from '@nestjs/graphql';

/** The direction of any list's order (recommendations, meetings, …). */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Ascending or descending',
  valuesMap: {
    ASC: { description: 'Ascending: smallest, earliest or first first' },
    DESC: { description: 'Descending: largest, latest or last first' },
  },
});
