import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Indicator } from '../action-plan/indicator.entity';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS, Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { Loaders, RequestLocale, type GraphqlContext, type NoArgs } from '../common/graphql-context';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import type { Locale } from '../i18n/locales';
import { Recommendation } from '../recommendations/recommendation.entity';
import { FrameworkItemsArgs, FrameworkMappingInput, UpdateFrameworkItemInput } from './dto/framework.inputs';
import { FrameworkItem } from './framework-item.entity';
import { FrameworksRepository, INDICATOR_MAPPING, RECOMMENDATION_MAPPING } from './frameworks.repository';
import { FrameworksService } from './frameworks.service';

@Resolver(() => FrameworkItem)
export class FrameworksResolver {
  constructor(private readonly service: FrameworksService) {}

  @Query(() => [FrameworkItem], { description: "The frameworks' reference lists (SDG, CEDAW, UPR), in each list's order" })
  @Roles(...READERS)
  frameworkItems(@Args() args: FrameworkItemsArgs, @Loaders() loaders: LoaderRegistry): Promise<FrameworkItem[]> {
    return this.service.list(args.framework ?? null, loaders);
  }

  @Mutation(() => FrameworkItem, { description: 'ADMIN and EDITOR: map a recommendation or an indicator to a framework item (nothing changes when it is mapped already)' })
  @Roles(...EDITORS)
  mapToFrameworkItem(@Args('input', { description: 'What to map to which item' }) input: FrameworkMappingInput, @CurrentActor() actor: Actor): Promise<FrameworkItem> {
    return this.service.map(input, actor);
  }

  @Mutation(() => FrameworkItem, { description: 'ADMIN and EDITOR: remove the mapping of a recommendation or an indicator to a framework item (nothing changes when there is none)' })
  @Roles(...EDITORS)
  unmapFromFrameworkItem(@Args('input', { description: 'Which mapping to remove' }) input: FrameworkMappingInput, @CurrentActor() actor: Actor): Promise<FrameworkItem> {
    return this.service.unmap(input, actor);
  }

  @Mutation(() => FrameworkItem, { description: "ADMIN: correct a framework item's title or paragraph number (the reference lists are ADMIN's)" })
  @Roles(Role.ADMIN)
  updateFrameworkItem(
    @Args('input', { description: 'The changes' }) input: UpdateFrameworkItemInput,
    @CurrentActor() actor: Actor,
    @RequestLocale() locale: Locale,
  ): Promise<FrameworkItem> {
    return this.service.update(input, actor, locale);
  }
}

/** `frameworkItems` on Recommendation. */
@Resolver(() => Recommendation)
export class RecommendationFrameworkItemsResolver {
  constructor(private readonly items: FrameworksRepository) {}

  @ResolveField(() => [FrameworkItem], { description: 'The framework items (SDG targets and indicators, CEDAW paragraphs, UPR documents) it addresses' })
  frameworkItems(recommendation: Recommendation, _args: NoArgs, { loaders }: GraphqlContext): Promise<FrameworkItem[]> {
    return this.items.itemsOf(loaders, RECOMMENDATION_MAPPING).load(recommendation.id);
  }
}

/** `frameworkItems` on Indicator. */
@Resolver(() => Indicator)
export class IndicatorFrameworkItemsResolver {
  constructor(private readonly items: FrameworksRepository) {}

  @ResolveField(() => [FrameworkItem], { description: 'The framework items (SDG indicators and targets, CEDAW paragraphs) it measures' })
  frameworkItems(indicator: Indicator, _args: NoArgs, { loaders }: GraphqlContext): Promise<FrameworkItem[]> {
    return this.items.itemsOf(loaders, INDICATOR_MAPPING).load(indicator.id);
  }
}
