import { registerEnumType } from '@nestjs/graphql';

export enum IndicatorDirection {
  INCREASE = 'INCREASE',
  DECREASE = 'DECREASE',
}
registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: 'Whether higher or lower values of an indicator are better',
  valuesMap: { INCREASE: { description: 'Higher is better' }, DECREASE: { description: 'Lower is better' } },
});

export enum ProgressStatus {
  ACHIEVED = 'ACHIEVED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_DATA = 'NO_DATA',
}
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description: 'How an indicator stands against its target for a year',
  valuesMap: {
    ACHIEVED: { description: "Actual reached the year's target" },
    ON_TRACK: { description: 'At least 90% of the way from baseline to target' },
    AT_RISK: { description: '50% to 90%' },
    OFF_TRACK: { description: 'Under 50%' },
    NO_DATA: { description: 'No value recorded for the year' },
  },
});

/** What an indicator's values measure: how a value of a period compares with the year's target (period-target.ts). */
export enum IndicatorMeasure {
  LEVEL = 'LEVEL',
  FLOW = 'FLOW',
  CUMULATIVE = 'CUMULATIVE',
}
registerEnumType(IndicatorMeasure, {
  name: 'IndicatorMeasure',
  description: 'What a value of the indicator measures; it decides the target a quarter is compared with',
  valuesMap: {
    LEVEL: { description: 'a level at a point in time (e.g. a share at the end of the period)' },
    FLOW: { description: 'a flow within the period (e.g. people trained during the quarter); a year is the sum of its quarters' },
    CUMULATIVE: { description: 'a running total since the baseline (e.g. people trained so far)' },
  },
});

/** How often an indicator's values are due. */
export enum ReportingFrequency {
  YEARLY = 'YEARLY',
  QUARTERLY = 'QUARTERLY',
}
registerEnumType(ReportingFrequency, {
  name: 'ReportingFrequency',
  description: 'How often values of the indicator are due; each is due reportingLagDays after its period ends',
  valuesMap: {
    YEARLY: { description: 'one value per plan year' },
    QUARTERLY: { description: 'one value per quarter of each plan year; quarterly milestones may be set' },
  },
});

/** What one value of an indicator is: a number, or a ratio of a recorded numerator and denominator. */
export enum IndicatorValueKind {
  NUMBER = 'NUMBER',
  RATIO = 'RATIO',
}
registerEnumType(IndicatorValueKind, {
  name: 'IndicatorValueKind',
  description: 'Whether a value is a number (a count, an amount) or a ratio recorded as a numerator and a denominator',
  valuesMap: {
    NUMBER: { description: 'A number; the parts of a breakdown add up to their total' },
    RATIO: {
      description: 'A ratio (a share in % when the unit is PERCENT): numerator and denominator are recorded, and any total is Σ numerator / Σ denominator, never a mean of shares',
    },
  },
});

/** Where the total of a broken-down value comes from. */
export enum TotalSource {
  RECORDED = 'RECORDED',
  DERIVED = 'DERIVED',
}
registerEnumType(TotalSource, {
  name: 'TotalSource',
  description: 'Where the total of a value broken down by dimensions comes from',
  valuesMap: {
    RECORDED: { description: 'Recorded with the breakdown (the parts may cover only some of the whole)' },
    DERIVED: { description: 'Computed from the parts: their sum, or Σ numerator / Σ denominator for a ratio' },
  },
});
