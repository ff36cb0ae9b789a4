import { Args, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { expectedVersionOf } from '../common/dto/versioned-changes.input';
import { RequestLocale } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS, Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { Loaders, type GraphqlContext, type NoArgs } from '../common/graphql-context';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { DomainError } from '../common/errors/domain-error';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Organization } from '../organizations/organization.entity';
import { ActionPlanRepository } from './action-plan.repository';
import { ActionPlan } from './action-plan.entity';
import { ActionPlansService } from './action-plans.service';
import { CreateActionPlanInput } from './dto/create-action-plan.input';
import { UpdateActionPlanArgs } from './dto/update-action-plan.input';
import { UpdateIndicatorArgs } from './dto/update-indicator.input';
import { CreateIndicatorInput, SetIndicatorMilestoneArgs, SetIndicatorTargetArgs } from './dto/create-indicator.input';
import { IndicatorMilestone } from './indicator-milestone.entity';
import { IndicatorMilestonesRepository } from './indicator-milestones.repository';
import { IndicatorsArgs } from './dto/indicators.args';
import { RecordIndicatorValueInput } from './dto/record-indicator-value.input';
import { PROGRESS_CUT_DESCRIPTIONS } from './dto/progress-cut.args';
import { DateScalarType } from '../common/scalars/date.scalar';
import { ValueStatus } from './value-status';
import { IndicatorProgress } from './indicator-progress';
import { IndicatorProgressReader } from './indicator-progress.reader';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorValue } from './indicator-value.entity';
import { Indicator } from './indicator.entity';
import { IndicatorsService } from './indicators.service';
import { isPlanYear, PLAN_YEAR_MESSAGE } from './reporting-period';

@ObjectType({ description: 'A page of indicators (a Relay cursor connection)' })
export class IndicatorConnection extends ConnectionType(Indicator, 'Indicator') {}

@Resolver(() => ActionPlan)
export class ActionPlanResolver {
  constructor(
    private readonly service: ActionPlansService,
    private readonly repository: ActionPlanRepository,
  ) {}

  @Query(() => [ActionPlan], { description: 'Every action plan' })
  @Roles(...READERS)
  actionPlans(): Promise<ActionPlan[]> {
    return this.service.list();
  }

  @Mutation(() => ActionPlan, { description: 'Records an action plan (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createActionPlan(@Args('input', { description: 'The action plan to record' }) input: CreateActionPlanInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<ActionPlan> {
    return this.service.create(input, actor, locale);
  }

  @Mutation(() => ActionPlan, { description: 'CONFLICT when expectedVersion is given and stale' })
  @Roles(...EDITORS)
  updateActionPlan(@Args() args: UpdateActionPlanArgs, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<ActionPlan> {
    return this.service.update(args.id, args.input, expectedVersionOf(args), actor, locale);
  }

  @ResolveField(() => [Indicator], { description: "The plan's indicators" })
  indicators(plan: ActionPlan, _args: NoArgs, { loaders }: GraphqlContext): Promise<Indicator[]> {
    return this.repository.indicatorsByPlanId(loaders).load(plan.id);
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  constructor(
    private readonly service: IndicatorsService,
    private readonly repository: ActionPlanRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly progressReader: IndicatorProgressReader,
    private readonly milestoneRepository: IndicatorMilestonesRepository,
  ) {}

  @Query(() => IndicatorConnection, { description: 'A page of indicators, filtered' })
  @Roles(...READERS)
  indicators(@Args() args: IndicatorsArgs): Promise<Connection<Indicator>> {
    return this.service.list(args);
  }

  @Query(() => Indicator, { nullable: true, description: 'One indicator by id; null when there is none' })
  @Roles(...READERS)
  indicator(@Args('id', { type: () => ID, description: "The indicator's id" }) id: string): Promise<Indicator | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Indicator, { description: 'Records an indicator of an action plan (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createIndicator(@Args('input', { description: 'The indicator to record' }) input: CreateIndicatorInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Indicator> {
    return this.service.create(input, actor, locale);
  }

  @Mutation(() => Indicator, { description: 'CONFLICT when expectedVersion is given and stale; targets: setIndicatorTarget' })
  @Roles(...EDITORS)
  updateIndicator(@Args() args: UpdateIndicatorArgs, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Indicator> {
    return this.service.update(args.id, args.input, expectedVersionOf(args), actor, locale);
  }

  @Mutation(() => Indicator, { description: 'MINISTRY tokens: only indicators of their organisation' })
  @Roles(...EDITORS, Role.MINISTRY)
  setIndicatorTarget(@Args() args: SetIndicatorTargetArgs, @CurrentActor() actor: Actor): Promise<Indicator> {
    return this.service.setTarget(args, actor);
  }

  @Mutation(() => Indicator, {
    description: "Sets a QUARTERLY indicator's target for one quarter of a plan year. MINISTRY tokens: only indicators of their organisation",
  })
  @Roles(...EDITORS, Role.MINISTRY)
  setIndicatorMilestone(@Args() args: SetIndicatorMilestoneArgs, @CurrentActor() actor: Actor): Promise<Indicator> {
    return this.service.setMilestone(args, actor);
  }

  @Mutation(() => IndicatorValue, { description: 'MINISTRY tokens: only indicators of their organisation' })
  @Roles(...EDITORS, Role.MINISTRY)
  recordIndicatorValue(
    @Args('input', { description: 'The value to record' }) input: RecordIndicatorValueInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<IndicatorValue> {
    return this.service.recordValue(input, actor, locale);
  }

  @ResolveField(() => [IndicatorTarget], { description: 'Ordered by year' })
  targets(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<IndicatorTarget[]> {
    return this.repository.targetsByIndicatorId(loaders).load(indicator.id);
  }

  @ResolveField(() => [IndicatorMilestone], { description: 'Quarterly targets (QUARTERLY indicators), ordered by year and quarter; of one year when given' })
  async milestones(
    @Parent() indicator: Indicator,
    @Loaders() loaders: LoaderRegistry,
    @Args('year', { type: () => Int, nullable: true, description: 'Only this year’s milestones' }) year: number | null,
  ): Promise<IndicatorMilestone[]> {
    if (year !== null && year !== undefined && !isPlanYear(year)) throw DomainError.badInput('year', PLAN_YEAR_MESSAGE);
    const all = await this.milestoneRepository.byIndicatorId(loaders).load(indicator.id);
    return year === null || year === undefined ? all : all.filter((m) => m.year === year);
  }

  @ResolveField(() => [IndicatorValue], { description: "Ordered by period: a year's quarters, then the year's own value" })
  values(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<IndicatorValue[]> {
    return this.repository.valuesByIndicatorId(loaders).load(indicator.id);
  }

  @ResolveField(() => IndicatorValue, {
    nullable: true,
    description: 'The value of the most recent period (a year counts after its quarters)',
  })
  async latestValue(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<IndicatorValue | null> {
    return this.repository.latestValue(loaders, indicator.id);
  }

  @ResolveField(() => IndicatorProgress, { description: "Progress towards the year's target, at the given cut-offs" })
  async progress(
    @Parent() indicator: Indicator,
    @Loaders() loaders: LoaderRegistry,
    @Args('year', { type: () => Int, description: 'The plan year' }) year: number,
    // One argument each, not the ProgressCutArgs class: a class would be validated again for every
    // indicator of a page (class-validator, per field), while the Date scalar and the enum already
    // reject what the class's rules would.
    @Args('asOf', { type: () => DateScalarType, nullable: true, description: PROGRESS_CUT_DESCRIPTIONS.asOf }) asOf: string | null,
    @Args('valuesKnownBy', { type: () => DateScalarType, nullable: true, description: PROGRESS_CUT_DESCRIPTIONS.valuesKnownBy }) valuesKnownBy: string | null,
    @Args('valueStatus', { type: () => ValueStatus, nullable: true, description: PROGRESS_CUT_DESCRIPTIONS.valueStatus }) valueStatus: ValueStatus | null,
    @CurrentActor() actor: Actor,
  ): Promise<IndicatorProgress> {
    if (!isPlanYear(year)) throw DomainError.badInput('year', PLAN_YEAR_MESSAGE);
    return this.progressReader.forIndicator(loaders, indicator, year, this.progressReader.requestFor(actor, { asOf, valuesKnownBy, valueStatus }));
  }

  @ResolveField(() => ActionPlan, { description: 'The action plan it belongs to' })
  async actionPlan(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<ActionPlan> {
    const plan = await this.repository.planById(loaders).load(indicator.actionPlanId);
    if (!plan) throw new Error(`indicator ${indicator.id} has no action plan`);
    return plan;
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The organisation that reports its values; null when none is set' })
  responsibleOrganization(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization | null> | null {
    return indicator.responsibleOrganizationId
      ? this.organizations.organizationById(loaders).load(indicator.responsibleOrganizationId)
      : null;
  }
}

@Resolver(() => IndicatorProgress)
export class IndicatorProgressResolver {
  constructor(private readonly repository: ActionPlanRepository) {}

  // Non-null: every progress is read for an indicator (IndicatorProgressReader), which carries it or its id.
  @ResolveField(() => Indicator, { description: 'The indicator this progress is about' })
  async indicator(progress: IndicatorProgress, _args: NoArgs, { loaders }: GraphqlContext): Promise<Indicator> {
    const indicator = progress.indicator ?? (progress.indicatorId ? await this.repository.indicatorById(loaders).load(progress.indicatorId) : null);
    if (!indicator) throw new Error(`a progress figure without its indicator (${progress.indicatorId ?? 'no id'})`);
    return indicator;
  }
}
