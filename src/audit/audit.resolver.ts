import { Args, ArgsType, Field, ID, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { Role } from '../auth/role.enum';
import { Connection, ConnectionType } from '../common/pagination/connection.type';
import { PageArgs } from '../common/pagination/page.args';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

@ObjectType({ description: 'A page of the audit trail, newest first (a Relay cursor connection)' })
export class AuditEntryConnection extends ConnectionType(AuditEntry, 'AuditEntry') {}

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'E.g. Recommendation, IndicatorValue' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the changes of this record' })
  @IsOptional()
  @IsUUID()
  entityId?: string | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly service: AuditService) {}

  @Query(() => AuditEntryConnection, { description: 'Every committed change, newest first (ADMIN and ANALYST)' })
  @Roles(Role.ADMIN, Role.ANALYST)
  auditLog(@Args() args: AuditLogArgs): Promise<Connection<AuditEntry>> {
    return this.service.list({ entityType: args.entityType, entityId: args.entityId }, args);
  }

  @ResolveField(() => String, { nullable: true, description: 'The record before the change, as JSON text; null for a creation' })
  before(entry: AuditEntry): string | null {
    return entry.before === null ? null : JSON.stringify(entry.before);
  }

  @ResolveField(() => String, { nullable: true, description: 'The record after the change, as JSON text' })
  after(entry: AuditEntry): string | null {
    return entry.after === null ? null : JSON.stringify(entry.after);
  }
}
