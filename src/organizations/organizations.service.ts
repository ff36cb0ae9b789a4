import { Injectable } from '@nestjs/common';
import { ContentLocaleService } from '../i18n/content-locales';
import type { Connection } from '../common/pagination/connection.type';
import type { PageArgs } from '../common/pagination/page.args';
import { OrganizationsRepository } from './organizations.repository';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertAllExist } from '../database/assert-exist';
import { SHORT_TEXT_MAX } from '../common/validation/decorators';
import type { Locale } from '../i18n/locales';
import { createdTranslations } from '../i18n/translations';
import { CreateOrganizationInput } from './dto/create-organization.input';
import { CreatePersonInput } from './dto/create-person.input';
import { Organization } from './organization.entity';
import { Person } from './person.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly audit: AuditService,
    private readonly repository: OrganizationsRepository,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  /** `limit`: at most that many (the pages' filter lists); all when absent. */
  list(limit?: number, locale: Locale = this.contentLocales.defaultLocale): Promise<Organization[]> {
    return this.repository.list(limit, locale);
  }

  findById(id: string): Promise<Organization | null> {
    return this.repository.findById(id);
  }

  listPeople(): Promise<Person[]> {
    return this.repository.listPeople();
  }

  /** A page of list()'s order. */
  listPage(page: PageArgs, locale: Locale): Promise<Connection<Organization>> {
    return this.repository.listPage(page, locale);
  }

  /** A page of listPeople()'s order. */
  listPeoplePage(page: PageArgs): Promise<Connection<Person>> {
    return this.repository.listPeoplePage(page);
  }

  /** `locale`: the request's, which `name` is written in. */
  create(input: CreateOrganizationInput, actor: Actor, locale: Locale): Promise<Organization> {
    const name = createdTranslations(input, 'name', locale, SHORT_TEXT_MAX, true);
    return this.repository.transaction(async (tx) => {
      const organization = await this.repository.insertOrganization(tx, { name, kind: input.kind });
      await this.audit.record(tx, {
        actor,
        action: 'organization.create',
        entityType: 'Organization',
        entityId: organization.id,
        before: null,
        after: organization,
      });
      return organization;
    });
  }

  /** `locale`: the request's, which `position` is written in. */
  createPerson(input: CreatePersonInput, actor: Actor, locale: Locale): Promise<Person> {
    const position = createdTranslations(input, 'position', locale, SHORT_TEXT_MAX);
    return this.repository.transaction(async (tx) => {
      if (input.organizationId) await assertAllExist(tx, Organization, [input.organizationId], 'organizationId');
      const person = await this.repository.insertPerson(tx, { fullName: input.fullName, position, organizationId: input.organizationId ?? null });
      await this.audit.record(tx, {
        actor,
        action: 'person.create',
        entityType: 'Person',
        entityId: person.id,
        before: null,
        after: person,
      });
      return person;
    });
  }
}
