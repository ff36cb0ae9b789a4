import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IndicatorValueVersion } from '../action-plan/indicator-value-version.entity';
import { IndicatorValue } from '../action-plan/indicator-value.entity';
import { Indicator } from '../action-plan/indicator.entity';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS, Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { Loaders, RequestLocale } from '../common/graphql-context';
import type { LoaderRegistry } from '../common/loaders/loader-registry';
import type { Locale } from '../i18n/locales';
import { BreakdownLevel, MemberRef, totalsBy } from './breakdown';
import { BreakdownTotal } from './breakdown.types';
import { Dimension, DimensionMember } from './dimension.entity';
import { DimensionsRepository } from './dimensions.repository';
import { DimensionsService } from './dimensions.service';
import { BreakdownTotalsArgs } from './dto/breakdown-totals.args';
import { CreateDimensionInput, CreateDimensionMemberInput, RecordIndicatorValueBreakdownInput, SetIndicatorDimensionsInput } from './dto/dimension.inputs';
import { IndicatorValueCell } from './indicator-value-cell.entity';

@Resolver(() => Dimension)
export class DimensionsResolver {
  constructor(
    private readonly service: DimensionsService,
    private readonly repository: DimensionsRepository,
  ) {}

  @Query(() => [Dimension], { description: 'Every dimension values may be broken down by, by code' })
  @Roles(...READERS)
  dimensions(): Promise<Dimension[]> {
    return this.service.list();
  }

  @Mutation(() => Dimension, { description: 'ADMIN: adds a dimension (BAD_USER_INPUT when its code is taken)' })
  @Roles(Role.ADMIN)
  createDimension(
    @Args('input', { description: 'The dimension' }) input: CreateDimensionInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<Dimension> {
    return this.service.createDimension(input, actor, locale);
  }

  @Mutation(() => DimensionMember, { description: 'ADMIN: adds a member to a dimension (BAD_USER_INPUT for a taken code or an unknown parent)' })
  @Roles(Role.ADMIN)
  createDimensionMember(
    @Args('input', { description: 'The member' }) input: CreateDimensionMemberInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<DimensionMember> {
    return this.service.createMember(input, actor, locale);
  }

  @Mutation(() => Indicator, { description: 'ADMIN and EDITOR: which dimensions an indicator is broken down by, whether its total is recorded or derived, and its value kind' })
  @Roles(...EDITORS)
  setIndicatorDimensions(
    @Args('input', { description: "The indicator's dimensions" }) input: SetIndicatorDimensionsInput,
    @CurrentActor() actor: Actor,
  ): Promise<Indicator> {
    return this.service.setIndicatorDimensions(input, actor);
  }

  @Mutation(() => IndicatorValue, {
    description: 'Records a value with its breakdown as a new version (as recordIndicatorValue does), all or nothing. MINISTRY tokens: only indicators of their organisation',
  })
  @Roles(...EDITORS, Role.MINISTRY)
  recordIndicatorValueBreakdown(
    @Args('input', { description: 'The value and its cells' }) input: RecordIndicatorValueBreakdownInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<IndicatorValue> {
    return this.service.recordBreakdown(input, actor, locale);
  }

  @ResolveField(() => [DimensionMember], { description: 'Its members, in their order' })
  members(dimension: Dimension, _args: NoArgs, { loaders }: GraphqlContext): Promise<DimensionMember[]> {
    return this.repository.membersByDimensionId(loaders).load(dimension.id);
  }
}

@Resolver(() => DimensionMember)
export class DimensionMemberResolver {
  constructor(private readonly repository: DimensionsRepository) {}

  @ResolveField(() => DimensionMember, { nullable: true, description: 'The member it lies within (a district: its oblast); null for none' })
  parent(member: DimensionMember, _args: NoArgs, { loaders }: GraphqlContext): Promise<DimensionMember | null> | null {
    return member.parentId ? this.repository.memberById(loaders).load(member.parentId) : null;
  }
}

@Resolver(() => Indicator)
export class IndicatorDimensionsResolver {
  constructor(private readonly repository: DimensionsRepository) {}

  @ResolveField(() => [Dimension], { description: 'The dimensions its values are broken down by, in order (empty: not broken down)' })
  dimensions(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<Dimension[]> {
    return this.repository.dimensionsByIndicatorId(loaders).load(indicator.id);
  }
}

@Resolver(() => IndicatorValueCell)
export class IndicatorValueCellResolver {
  constructor(private readonly repository: DimensionsRepository) {}

  @ResolveField(() => [DimensionMember], { description: "The combination: one member of each of the indicator's dimensions, by the dimensions' codes" })
  async members(cell: IndicatorValueCell, _args: NoArgs, { loaders }: GraphqlContext): Promise<DimensionMember[]> {
    const members = (await this.repository.memberById(loaders).loadMany(cell.memberIds)).filter((m): m is DimensionMember => m !== null && !(m instanceof Error));
    const dimensions = await this.repository.dimensionsByIds(loaders).loadMany([...new Set(members.map((m) => m.dimensionId))]);
    const codeOf = new Map(dimensions.filter((d): d is Dimension => d !== null && !(d instanceof Error)).map((d) => [d.id, d.code]));
    return members.sort((a, b) => (codeOf.get(a.dimensionId) ?? '').localeCompare(codeOf.get(b.dimensionId) ?? ''));
  }
}

@Resolver(() => IndicatorValueVersion)
export class VersionBreakdownResolver {
  constructor(private readonly repository: DimensionsRepository) {}

  @ResolveField(() => [IndicatorValueCell], { description: "This version's breakdown: one cell per combination of members (empty: not broken down)" })
  async breakdown(version: IndicatorValueVersion, _args: NoArgs, { loaders }: GraphqlContext): Promise<IndicatorValueCell[]> {
    return (await this.repository.cellsByVersionId(loaders).load(version.id)).cells;
  }

  @ResolveField(() => [BreakdownTotal], {
    description: "Totals of this version's breakdown per member of one dimension (or per parent member), in the dimension's order; ratios as Σ numerator / Σ denominator",
  })
  async breakdownTotals(@Parent() version: IndicatorValueVersion, @Args() args: BreakdownTotalsArgs, @Loaders() loaders: LoaderRegistry): Promise<BreakdownTotal[]> {
    const { cells, valueKind, percent } = await this.repository.cellsByVersionId(loaders).load(version.id);
    const found = new Map<string, DimensionMember>();
    const load = async (ids: string[]) => {
      for (const member of await this.repository.memberById(loaders).loadMany(ids)) {
        if (member && !(member instanceof Error)) found.set(member.id, member);
      }
    };
    await load([...new Set(cells.flatMap((c) => c.memberIds))]);
    // Their parents, for totals per parent (names, order).
    await load([...new Set([...found.values()].map((m) => m.parentId).filter((id): id is string => id !== null && !found.has(id)))]);
    const dimensionId = await this.dimensionIdOf(args.dimension, loaders, [...found.values()]);
    if (!dimensionId) return [];
    const ordered = new Map<string, MemberRef>([...found.entries()].sort(([, a], [, b]) => a.ordering - b.ordering || a.code.localeCompare(b.code)));
    return totalsBy(cells, ordered, dimensionId, args.level ?? BreakdownLevel.MEMBER, { kind: valueKind, percent }).map(({ memberId, total }) =>
      Object.assign(new BreakdownTotal(), { memberId, ...total }),
    );
  }

  private async dimensionIdOf(code: string, loaders: LoaderRegistry, members: MemberRef[]): Promise<string | null> {
    const dimensions = await this.repository.dimensionsByIds(loaders).loadMany([...new Set(members.map((m) => m.dimensionId))]);
    const found = dimensions.find((d) => d && !(d instanceof Error) && d.code === code.toUpperCase());
    return found && !(found instanceof Error) ? found.id : null;
  }
}

@Resolver(() => BreakdownTotal)
export class BreakdownTotalResolver {
  constructor(private readonly repository: DimensionsRepository) {}

  @ResolveField(() => DimensionMember, { description: 'The member (or parent member) the total is for' })
  async member(total: BreakdownTotal, _args: NoArgs, { loaders }: GraphqlContext): Promise<DimensionMember> {
    const member = await this.repository.memberById(loaders).load(total.memberId);
    if (!member) throw new Error(`dimension member ${total.memberId} is gone`);
    return member;
  }
}
