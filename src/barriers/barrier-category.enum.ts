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
  valuesMap: {
    SOCIAL_SUPPORT: { description: 'support and recognition from society and colleagues' },
    CONFIDENCE: { description: 'confidence and leadership skills' },
    FINANCIAL: { description: 'financial resources for campaigns' },
    LEGAL: { description: 'laws, norms, quotas' },
    INSTITUTIONAL: { description: 'monitoring, control, capacity of bodies' },
    EDUCATION: { description: 'access to education and mentorship' },
  },
});
