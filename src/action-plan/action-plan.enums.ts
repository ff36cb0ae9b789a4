import { registerEnumType } from '@nestjs/graphql';

export enum IndicatorDirection {
  INCREASE = 'INCREASE',
  DECREASE = 'DECREASE',
}
registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  valuesMap: { INCREASE: { description: 'higher is better' }, DECREASE: { description: 'lower is better' } },
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
  valuesMap: {
    ACHIEVED: { description: "actual reached the year's target" },
    ON_TRACK: { description: 'at least 90% of the way from baseline to target' },
    AT_RISK: { description: '50% to 90%' },
    OFF_TRACK: { description: 'under 50%' },
    NO_DATA: { description: 'no value recorded for the year' },
  },
});
