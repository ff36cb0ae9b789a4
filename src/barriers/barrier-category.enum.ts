import { registerEnumType } from '@nestjs/graphql';

export enum BarrierCategory {
  SOCIAL_SUPPORT = 'SOCIAL_SUPPORT',
  CONFIDENCE = 'CONFIDENCE',
  FINANCIAL = 'FINANCIAL',
  LEGAL = 'LEGAL',
  INSTITUTIONAL = 'INSTITUTIONAL',
  EDUCATION = 'EDUCATION',
  OTHER = 'OTHER',
}
registerEnumType(BarrierCategory, {
  name: 'BarrierCategory',
  description: 'The kind of obstacle a barrier is',
  valuesMap: {
    SOCIAL_SUPPORT: { description: 'Support and recognition from society and colleagues' },
    CONFIDENCE: { description: 'Confidence and leadership skills' },
    FINANCIAL: { description: 'Financial resources for campaigns' },
    LEGAL: { description: 'Laws, norms, quotas' },
    INSTITUTIONAL: { description: 'Monitoring, control, capacity of bodies' },
    EDUCATION: { description: 'Access to education and mentorship' },
    OTHER: { description: 'Any other obstacle' },
  },
});
