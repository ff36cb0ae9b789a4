import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { assertAllExist } from '../database/assert-exist';
import { Indicator } from '../action-plan/indicator.entity';
import type { Locale } from '../i18n/locales';
import { translationsFromInput } from '../i18n/translations';
import { Recommendation } from '../recommendations/recommendation.entity';
import { FRAMEWORK_TITLE_MAX, FrameworkMappingInput, UpdateFrameworkItemInput } from './dto/framework.inputs';
import { Framework, FrameworkItem, FrameworkItemKind } from './framework-item.entity';
import { FrameworksRepository, INDICATOR_MAPPING, MappingTarget, RECOMMENDATION_MAPPING } from './frameworks.repository';

/**
 * International frameworks (docs/domain.md, International frameworks): reference lists from src/frameworks/lists,
 * edited by ADMIN; EDITORS map recommendations and indicators to any item. Every write is
 * audited in its transaction; a mapping that is already there (or already gone) changes nothing.
 */
@Injectable()
export class FrameworksService {
  constructor(
    private readonly items: FrameworksRepository,
    private readonly audit: AuditService,
  ) {}

  list(framework: Framework | null, request: object | null): Promise<FrameworkItem[]> {
    return this.items.list(framework, request);
  }

  byCode(framework: Framework, code: string, request: object | null): Promise<FrameworkItem | null> {
    return this.items.byCode(framework, code, request);
  }

  /** The items a recommendation or an indicator is mapped to, in the lists' order (the staff pages). */
  mappedTo(owner: 'recommendation' | 'indicator', id: string): Promise<FrameworkItem[]> {
    return this.items.itemsOf(new LoaderRegistry(), owner === 'recommendation' ? RECOMMENDATION_MAPPING : INDICATOR_MAPPING).load(id);
  }

  map(input: FrameworkMappingInput, actor: Actor): Promise<FrameworkItem> {
    return this.write(input, actor, true);
  }

  unmap(input: FrameworkMappingInput, actor: Actor): Promise<FrameworkItem> {
    return this.write(input, actor, false);
  }

  async update(input: UpdateFrameworkItemInput, actor: Actor, locale: Locale): Promise<FrameworkItem> {
    return this.items.transaction(async (tx) => {
      const before = await this.items.lock(tx, input.id);
      if (!before) throw DomainError.notFound('FrameworkItem', input.id);
      const title = translationsFromInput(before.title, input.title, input.titleTranslations, locale, {
        field: 'title',
        maxLength: FRAMEWORK_TITLE_MAX,
        required: true,
      }) as FrameworkItem['title'];
      if (input.paragraph != null && before.kind !== FrameworkItemKind.PARAGRAPH) {
        throw DomainError.badInput('paragraph', `${before.framework} ${before.code} is a ${before.kind}, not a paragraph`);
      }
      const paragraph = input.paragraph === undefined ? before.paragraph : input.paragraph;
      const after = await this.items.update(tx, before.id, { title, paragraph });
      await this.audit.record(tx, { actor, action: 'frameworkItem.update', entityType: 'FrameworkItem', entityId: before.id, before, after });
      return after;
    });
  }

  private async write(input: FrameworkMappingInput, actor: Actor, mapped: boolean): Promise<FrameworkItem> {
    const { target, targetId, entity, field } = this.targetOf(input);
    return this.items.transaction(async (tx) => {
      const item = await this.items.lock(tx, input.frameworkItemId);
      if (!item) throw new DomainError(ErrorCode.NOT_FOUND, `frameworkItemId: FrameworkItem ${input.frameworkItemId} does not exist`, { field: 'frameworkItemId', id: input.frameworkItemId });
      await assertAllExist(tx, entity, [targetId], field);
      const changed = mapped ? await this.items.map(tx, target, targetId, item.id) : await this.items.unmap(tx, target, targetId, item.id);
      if (changed) {
        const link = { frameworkItemId: item.id, [field]: targetId };
        await this.audit.record(tx, {
          actor,
          action: mapped ? 'frameworkItem.map' : 'frameworkItem.unmap',
          entityType: 'FrameworkItem',
          entityId: item.id,
          before: mapped ? null : link,
          after: mapped ? link : null,
        });
      }
      return item;
    });
  }

  private targetOf(input: FrameworkMappingInput): { target: MappingTarget; targetId: string; entity: typeof Recommendation | typeof Indicator; field: string } {
    if (input.recommendationId && input.indicatorId) {
      throw DomainError.badInput('indicatorId', 'give recommendationId or indicatorId, not both');
    }
    if (input.recommendationId) return { target: RECOMMENDATION_MAPPING, targetId: input.recommendationId, entity: Recommendation, field: 'recommendationId' };
    if (input.indicatorId) return { target: INDICATOR_MAPPING, targetId: input.indicatorId, entity: Indicator, field: 'indicatorId' };
    throw DomainError.badInput('recommendationId', 'give the recommendation or the indicator to map');
  }
}
