import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { expectedVersionOf } from '../common/dto/versioned-changes.input';
import { RequestLocale } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import { IsEnum, IsOptional } from 'class-validator';
import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { PageArgs } from '../common/pagination/page.args';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { Meeting } from '../meetings/meeting.entity';
import { BarrierCategory } from './barrier-category.enum';
import { BarriersRepository } from './barriers.repository';
import { Barrier } from './barrier.entity';
import { BarriersService } from './barriers.service';
import { CreateBarrierInput } from './dto/create-barrier.input';
import { UpdateBarrierArgs } from './dto/update-barrier.input';

@ArgsType()
class BarriersArgs {
  @Field(() => BarrierCategory, { nullable: true, description: 'Only barriers of this category' })
  @IsOptional()
  @IsEnum(BarrierCategory)
  category?: BarrierCategory | null;
}

@ArgsType()
class BarriersPageArgs extends PageArgs {
  @Field(() => BarrierCategory, { nullable: true, description: 'Only barriers of this category' })
  @IsOptional()
  @IsEnum(BarrierCategory)
  category?: BarrierCategory | null;
}

@ObjectType({ description: 'A page of barriers (a Relay cursor connection)' })
export class BarrierConnection extends ConnectionType(Barrier, 'Barrier') {}

@Resolver(() => Barrier)
export class BarriersResolver {
  constructor(
    private readonly service: BarriersService,
    private readonly repository: BarriersRepository,
  ) {}

  @Query(() => [Barrier], {
    description: 'Every barrier, ordered by title',
    deprecationReason: 'Use barriersConnection: the same barriers in the same order, by pages, with totalCount',
  })
  @Roles(...READERS)
  barriers(@Args() args: BarriersArgs, @RequestLocale() locale: Locale): Promise<Barrier[]> {
    return this.service.list(args.category, undefined, locale);
  }

  @Query(() => BarrierConnection, { description: 'A page of barriers, ordered by title in the request language, then id' })
  @Roles(...READERS)
  barriersConnection(@Args() args: BarriersPageArgs, @RequestLocale() locale: Locale): Promise<Connection<Barrier>> {
    return this.service.listPage(args.category ?? null, args, locale);
  }

  @Mutation(() => Barrier, { description: 'Records a barrier raised at one or more meetings (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createBarrier(@Args('input', { description: 'The barrier to record' }) input: CreateBarrierInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Barrier> {
    return this.service.create(input, actor, locale);
  }

  @Mutation(() => Barrier, { description: 'CONFLICT when expectedVersion is given and stale' })
  @Roles(...EDITORS)
  updateBarrier(@Args() args: UpdateBarrierArgs, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Barrier> {
    return this.service.update(args.id, args.input, expectedVersionOf(args), actor, locale);
  }

  @ResolveField(() => [Meeting], { description: 'Every meeting where it was raised' })
  meetings(barrier: Barrier, _args: NoArgs, { loaders }: GraphqlContext): Promise<Meeting[]> {
    return this.repository.meetingsByBarrierId(loaders).load(barrier.id);
  }
}

@Resolver(() => Meeting)
export class MeetingBarriersResolver {
  constructor(private readonly repository: BarriersRepository) {}

  @ResolveField(() => [Barrier], { description: 'The barriers raised at this meeting' })
  barriers(meeting: Meeting, _args: NoArgs, { loaders }: GraphqlContext): Promise<Barrier[]> {
    return this.repository.byMeetingId(loaders).load(meeting.id);
  }
}
