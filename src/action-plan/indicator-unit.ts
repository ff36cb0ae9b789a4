import { registerEnumType } from '@nestjs/graphql';
import type { MessageKey, MessageValues } from '../i18n/i18n.service';
import { parsePeriod } from './reporting-period';

/**
 * The units the catalogs can say in every language, with the plural forms a number takes
 * (380 человек, 9 программ, 9 программа). An indicator keeps its unit as written (`unit`);
 * `unitCode` says which of these it is, when it is one of them.
 */
export enum IndicatorUnit {
  PERCENT = 'PERCENT',
  PERSON = 'PERSON',
  PROGRAMME = 'PROGRAMME',
  ORGANIZATION = 'ORGANIZATION',
  EVENT = 'EVENT',
  DOCUMENT = 'DOCUMENT',
  SOM = 'SOM',
}
registerEnumType(IndicatorUnit, {
  name: 'IndicatorUnit',
  description: 'A unit the service can write in Kyrgyz, Russian and English with the right plural forms',
  valuesMap: {
    PERCENT: { description: '%' },
    PERSON: { description: 'People' },
    PROGRAMME: { description: 'Programmes' },
    ORGANIZATION: { description: 'Organisations' },
    EVENT: { description: 'Events' },
    DOCUMENT: { description: 'Documents' },
    SOM: { description: 'Kyrgyz som' },
  },
});

/**
 * How each unit is commonly written, in any of the three languages (compared trimmed and in lower case).
 * Migration IndicatorUnitCode set the codes of the indicators that existed from the same list.
 */
export const UNIT_SPELLINGS: Readonly<Record<IndicatorUnit, readonly string[]>> = {
  PERCENT: ['%', 'percent', 'per cent', 'процент', 'процентов', 'пайыз'],
  PERSON: ['people', 'persons', 'person', 'человек', 'чел.', 'адам'],
  PROGRAMME: ['programmes', 'programme', 'programs', 'program', 'программ', 'программы', 'программа'],
  ORGANIZATION: ['organisations', 'organizations', 'organisation', 'organization', 'организаций', 'организации', 'уюм', 'уюмдар'],
  EVENT: ['events', 'event', 'мероприятий', 'мероприятия', 'иш-чара', 'иш-чаралар'],
  DOCUMENT: ['documents', 'document', 'документов', 'документы', 'документ', 'документтер'],
  SOM: ['som', 'kgs', 'сом', 'сомов'],
};

/** The code of a unit as written, or null when it is none the catalogs know. */
export function unitCodeFor(text: string): IndicatorUnit | null {
  const written = text.trim().toLowerCase();
  for (const [code, spellings] of Object.entries(UNIT_SPELLINGS)) if (spellings.includes(written)) return code as IndicatorUnit;
  return null;
}

/** What the helpers below need of a translator: the page's, the report's or an export's. */
export interface UnitSpeaker {
  t(key: MessageKey, values?: MessageValues): string;
  number(value: number): string;
}

type WithUnit = { unit: string; unitCode: IndicatorUnit | null };

/** A value with its unit, as prose in the reader's language: "380 человек", "9 программ", "21,5 %". A unit the catalogs do not know is written as stored. */
export function quantityText(l: UnitSpeaker, value: number, indicator: WithUnit): string {
  const shown = l.number(value);
  if (!indicator.unitCode) return `${shown} ${indicator.unit}`;
  return l.t(`unit.count.${indicator.unitCode}` as MessageKey, { count: value, value: shown });
}

/** The unit's name in the reader's language ("человек", "%"), e.g. after a label or in brackets; as stored when unknown. */
export function unitName(l: Pick<UnitSpeaker, 't'>, indicator: WithUnit): string {
  return indicator.unitCode ? l.t(`unit.name.${indicator.unitCode}` as MessageKey) : indicator.unit;
}

/** A period code ("2025", "2025-Q3") as prose in the reader's language: "2025 год", "3-й квартал 2025 г.", "2025-жылдын 3-чейреги". */
export function periodText(l: Pick<UnitSpeaker, 't'>, period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  return parsed.quarter
    ? l.t('staff.period.quarter', { year: String(parsed.year), quarter: parsed.quarter })
    : l.t('staff.period.year', { year: String(parsed.year) });
}
