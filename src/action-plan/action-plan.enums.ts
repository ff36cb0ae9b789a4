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
