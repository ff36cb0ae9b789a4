import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { expectedVersionOf } from '../common/dto/versioned-changes.input';
import { RequestLocale } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { EDITORS, READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import type { GraphqlContext, NoArgs } from '../common/graphql-context';
import { ConnectionType } from '../common/pagination/connection.type';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../organizations/person.entity';
import { CreateMeetingInput } from './dto/create-meeting.input';
import { UpdateMeetingArgs } from './dto/update-meeting.input';
import { MeetingsArgs } from './dto/meetings.args';
import { MeetingsRepository } from './meetings.repository';
import { Meeting } from './meeting.entity';
import { MeetingsService } from './meetings.service';
import { Participant } from './participant.entity';
import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type';

@ObjectType({ description: 'A page of meetings (a Relay cursor connection)' })
export class MeetingConnection extends ConnectionType(Meeting, 'Meeting') {}

@Resolver(() => Meeting)
export class MeetingsResolver {
  constructor(
    private readonly service: MeetingsService,
    private readonly repository: MeetingsRepository,
  ) {}

  @Query(() => MeetingConnection, { description: 'The meetings the filter selects; newest first unless orderBy says otherwise' })
  @Roles(...READERS)
  meetings(@Args() args: MeetingsArgs): Promise<Connection<Meeting>> {
    return this.service.list(args);
  }

  @Query(() => Meeting, { nullable: true, description: 'One meeting by id; null when there is none' })
  @Roles(...READERS)
  meeting(@Args('id', { type: () => ID, description: "The meeting's id" }) id: string): Promise<Meeting | null> {
    return this.service.findById(id);
  }

  @Mutation(() => Meeting, { description: 'Records a meeting (EDITOR, ADMIN)' })
  @Roles(...EDITORS)
  createMeeting(@Args('input', { description: 'The meeting to record' }) input: CreateMeetingInput, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Meeting> {
    return this.service.create(input, actor, locale);
  }

  @Mutation(() => Meeting, { description: 'CONFLICT when expectedVersion is given and stale' })
  @Roles(...EDITORS)
  updateMeeting(@Args() args: UpdateMeetingArgs, @CurrentActor() actor: Actor, @RequestLocale() locale: Locale): Promise<Meeting> {
    return this.service.update(args.id, args.input, expectedVersionOf(args), actor, locale);
  }

  @ResolveField(() => [Participant], { description: 'Who took part, in the recorded order' })
  participants(meeting: Meeting, _args: NoArgs, { loaders }: GraphqlContext): Promise<Participant[]> {
    return this.repository.participantsByMeetingId(loaders).load(meeting.id);
  }
}

@Resolver(() => Participant)
export class ParticipantResolver {
  constructor(private readonly organizations: OrganizationsRepository) {}

  @ResolveField(() => Person, { nullable: true, description: 'The person who took part; null when an organisation took part as a whole' })
  person(participant: Participant, _args: NoArgs, { loaders }: GraphqlContext): Promise<Person | null> | null {
    return participant.personId ? this.organizations.personById(loaders).load(participant.personId) : null;
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The organisation that took part or the person represented; null when none' })
  organization(participant: Participant, _args: NoArgs, { loaders }: GraphqlContext): Promise<Organization | null> | null {
    return participant.organizationId ? this.organizations.organizationById(loaders).load(participant.organizationId) : null;
  }
}
