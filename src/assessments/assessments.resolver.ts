import { Args, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor';
import { CurrentActor, type AuthenticatedRequest } from '../auth/current-actor.decorator';
import { EDITORS, READERS, Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { resolveAsOf } from '../common/as-of';
import { Clock } from '../common/clock';
import { Loaders, RequestLocale, type GraphqlContext, type NoArgs } from '../common/graphql-context';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { DateScalarType } from '../common/scalars/date.scalar';
import { startOfNextDay } from '../common/start-of-next-day';
import { AppConfig } from '../config/app-config.service';
import type { Locale } from '../i18n/locales';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Organization } from '../organizations/organization.entity';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Assessment, AssessmentReviewStatus } from './assessment.entity';
import { AssessmentsRepository } from './assessments.repository';
import { assessmentScopeOf, AssessmentsService, mayRead } from './assessments.service';
import { divergesFrom } from './divergence';
import { AssessmentsArgs } from './dto/assessments.args';
import { PublishAssessmentInput, ReturnAssessmentInput, SubmitAssessmentInput } from './dto/submit-assessment.input';

@ObjectType({ description: 'A page of independent assessment versions (a Relay cursor connection)' })
export class AssessmentConnection extends ConnectionType(Assessment, 'Assessment') {}

function actorOf(context: GraphqlContext): Actor | undefined {
  return (context.req as AuthenticatedRequest).actor;
}

@Resolver(() => Assessment)
export class AssessmentsResolver {
  constructor(
    private readonly service: AssessmentsService,
    private readonly organizations: OrganizationsRepository,
    private readonly recommendations: RecommendationsRepository,
  ) {}

  @Query(() => AssessmentConnection, {
    description:
      'Versions of independent assessments, newest submission first: the PUBLISHED ones for every reader; besides, their own for an NGO, all for ADMIN and EDITOR',
  })
  @Roles(...READERS)
  assessments(@Args() args: AssessmentsArgs, @CurrentActor() actor: Actor): Promise<Connection<Assessment>> {
    return this.service.list(args, actor);
  }

  @Mutation(() => Assessment, {
    description:
      "NGO users and tokens: a new version of their own organisation's assessment of a recommendation, SUBMITTED for moderation (FORBIDDEN for any other role)",
  })
  @Roles(Role.NGO)
  submitAssessment(
    @Args('input', { description: 'The assessment' }) input: SubmitAssessmentInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<Assessment> {
    return this.service.submit(input, actor, locale);
  }

  @Mutation(() => Assessment, { description: 'ADMIN and EDITOR: publish a SUBMITTED assessment (checked for form and safety, not agreement)' })
  @Roles(...EDITORS)
  publishAssessment(@Args('input', { description: 'The version to publish' }) input: PublishAssessmentInput, @CurrentActor() actor: Actor): Promise<Assessment> {
    return this.service.publish(input, actor);
  }

  @Mutation(() => Assessment, { description: 'ADMIN and EDITOR: return a SUBMITTED assessment to its organisation with a reason' })
  @Roles(...EDITORS)
  returnAssessment(@Args('input', { description: 'The version to return and why' }) input: ReturnAssessmentInput, @CurrentActor() actor: Actor): Promise<Assessment> {
    return this.service.returnToOrganization(input, actor);
  }

  @ResolveField(() => Organization, { description: 'The civil-society organisation whose assessment it is' })
  async organization(assessment: Assessment, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization> {
    const organization = await this.organizations.organizationById(loaders).load(assessment.organizationId);
    if (!organization) throw new Error(`assessment ${assessment.id} has no organisation`);
    return organization;
  }

  @ResolveField(() => Recommendation, { description: 'The recommendation assessed' })
  async recommendation(assessment: Assessment, _args: NoArgs, { loaders }: GraphqlContext): Promise<Recommendation> {
    const recommendation = await this.recommendations.byId(loaders).load(assessment.recommendationId);
    if (!recommendation) throw new Error(`assessment ${assessment.id} has no recommendation`);
    return recommendation;
  }

  @ResolveField(() => String, { nullable: true, description: 'Who submitted it: shown to its organisation and to ADMIN and EDITOR only, null for others' })
  submittedBy(assessment: Assessment, _args: NoArgs, context: GraphqlContext): string | null {
    const scope = assessmentScopeOf(actorOf(context));
    return scope.all || scope.organizationId === assessment.organizationId ? assessment.submittedBy : null;
  }

  @ResolveField(() => Date, { nullable: true, description: 'When it was published; null unless PUBLISHED' })
  publishedAt(assessment: Assessment): Date | null {
    return assessment.reviewStatus === AssessmentReviewStatus.PUBLISHED ? assessment.reviewedAt : null;
  }
}

/** `assessments` and `divergent` on Recommendation. */
@Resolver(() => Recommendation)
export class RecommendationAssessmentsResolver {
  constructor(
    private readonly rows: AssessmentsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @ResolveField(() => [Assessment], {
    description:
      "Civil-society organisations' independent assessments, most recent assessment first: each organisation's latest PUBLISHED version; " +
      'for ADMIN and EDITOR (and an NGO, for its own) also a later version waiting for moderation or returned. ' +
      'With asOf: the published versions as known at the end of that day',
  })
  async assessments(
    @Parent() recommendation: Recommendation,
    @Loaders() loaders: LoaderRegistry,
    @CurrentActor() actor: Actor,
    @Args('asOf', { type: () => DateScalarType, nullable: true, description: 'The day to read them at (not after today); now when absent' }) asOf: string | null,
  ): Promise<Assessment[]> {
    const before = asOf ? startOfNextDay(resolveAsOf(this.clock.today(), asOf, null), this.config.get('APP_TIMEZONE')) : null;
    const current = await this.rows.currentByRecommendationId(loaders, before).load(recommendation.id);
    const scope = assessmentScopeOf(actor);
    return current.filter((version) => mayRead(scope, version));
  }

  @ResolveField(() => Boolean, {
    description:
      "True when a civil-society organisation's latest published assessment gives another status than the official one (docs/domain.md, Independent assessments)",
  })
  async divergent(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<boolean> {
    const current = await this.rows.currentByRecommendationId(loaders, null).load(recommendation.id);
    const published = current.filter((v) => v.reviewStatus === AssessmentReviewStatus.PUBLISHED).map((v) => v.status);
    return divergesFrom(recommendation.status, published);
  }
}

