import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Barrier } from '../barriers/barrier.entity';
import { Indicator } from '../action-plan/indicator.entity';
import { Organization } from '../organizations/organization.entity';
import { Recommendation } from './recommendation.entity';

// The three many-to-many links of a recommendation. Each is its own table with a
// reverse index, so both directions load in one `= ANY($1)` query.

@Entity()
@Index('IDX_recommendation_barrier_barrier', ['barrierId', 'recommendationId'])
export class RecommendationBarrier {
  @PrimaryColumn({ type: 'uuid' })
  recommendationId: string;

  @PrimaryColumn({ type: 'uuid' })
  barrierId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  @ManyToOne(() => Barrier, { onDelete: 'CASCADE' })
  @JoinColumn()
  barrier?: Barrier;
}

@Entity()
@Index('IDX_recommendation_organization_organization', ['organizationId', 'recommendationId'])
export class RecommendationOrganization {
  @PrimaryColumn({ type: 'uuid' })
  recommendationId: string;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organization?: Organization;
}

@Entity()
@Index('IDX_recommendation_indicator_indicator', ['indicatorId', 'recommendationId'])
export class RecommendationIndicator {
  @PrimaryColumn({ type: 'uuid' })
  recommendationId: string;

  @PrimaryColumn({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Indicator;
}
