import type { FrameworkItem } from '../../frameworks/framework-item.entity';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { SelectField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { summaryOf } from '../forms/field-errors';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { frameworkItemHref } from '../public/framework-item.page';
import { StaffPage } from './staff-layout';

/** What a mapping page is about: a recommendation or an indicator, by its code. */
export interface MappedRecord {
  kind: 'recommendation' | 'indicator';
  id: string;
  code: string;
  /** Its staff page (the back link and where a saved change returns). */
  href: string;
}

/** "SDG 5.5": how an item is named in lists, beside its title. */
export function frameworkItemLabel(ctx: PageContext, item: Pick<FrameworkItem, 'framework' | 'code'>): string {
  return `${ctx.t(`staff.frameworks.short.${item.framework}`)} ${item.code}`;
}

/** The mapped items in a record's summary list: each links to its public page; "—" when none. */
export function FrameworkItemsValue({ ctx, items }: { ctx: PageContext; items: readonly FrameworkItem[] }): SafeHtml {
  if (!items.length) return <>—</>;
  return (
    <ul class="govuk-list" data-list="framework-items">
      {items.map((item) => (
        <li data-framework-item={`${item.framework} ${item.code}`}>
          <a class="govuk-link" href={frameworkItemHref(item)}>
            {frameworkItemLabel(ctx, item)}
          </a>{' '}
          {ctx.text(item.title)}
        </li>
      ))}
    </ul>
  );
}

/**
 * /work/{recommendations|indicators}/{id}/frameworks: the secretariat maps a record to SDG targets
 * and indicators, CEDAW paragraphs and UPR documents, and removes a mapping (one button per item,
 * named with the item for screen readers).
 */
export function FrameworkMappingsPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  record: MappedRecord;
  mapped: FrameworkItem[];
  /** Every item of the reference lists, in their order. */
  all: FrameworkItem[];
  chosen: string;
  errors: FieldErrors;
}): SafeHtml {
  const { ctx, record } = props;
  const title = `${ctx.t('staff.frameworks.title')}: ${record.code}`;
  const action = `${record.href}/frameworks`;
  const mappedIds = new Set(props.mapped.map((item) => item.id));
  const choices = props.all.filter((item) => !mappedIds.has(item.id));
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={title} errors={summaryOf(props.errors)} backLink={{ href: record.href, label: record.code }}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{ctx.t(record.kind === 'recommendation' ? 'staff.frameworks.introRecommendation' : 'staff.frameworks.introIndicator')}</p>
      <h2 class="govuk-heading-m">{ctx.t('staff.frameworks.mapped')}</h2>
      {props.mapped.length ? (
        <TableWrapper label={ctx.t('staff.frameworks.mapped')}>
          <Table
            attributes={{ 'data-list': 'mapped-framework-items' }}
            head={[{ text: ctx.t('staff.frameworks.item') }, { text: ctx.t('staff.frameworks.itemTitle') }, { html: <span class="govuk-visually-hidden">{ctx.t('staff.frameworks.actions')}</span> }]}
            rowAttributes={props.mapped.map((item) => ({ 'data-framework-item': `${item.framework} ${item.code}` }))}
            rows={props.mapped.map((item) => [
              {
                classes: 'app-nowrap',
                html: (
                  <a class="govuk-link" href={frameworkItemHref(item)}>
                    {frameworkItemLabel(ctx, item)}
                  </a>
                ),
              },
              { html: ctx.text(item.title) },
              {
                html: (
                  <form method="post" action={`${action}/remove`} novalidate>
                    <CsrfField ctx={ctx} />
                    <input type="hidden" name="frameworkItemId" value={item.id} />
                    <Button
                      classes="govuk-button--secondary govuk-!-margin-bottom-0"
                      html={
                        <>
                          {ctx.t('staff.frameworks.remove')}
                          <span class="govuk-visually-hidden">{` ${frameworkItemLabel(ctx, item)}`}</span>
                        </>
                      }
                    />
                  </form>
                ),
              },
            ])}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body" data-none="framework-items">
          {ctx.t('staff.frameworks.none')}
        </p>
      )}
      <h2 class="govuk-heading-m">{ctx.t('staff.frameworks.add')}</h2>
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <SelectField
          ctx={ctx}
          id="frameworkItemId"
          label={ctx.t('staff.frameworks.item')}
          hint={ctx.t('staff.frameworks.itemHint')}
          choices={[
            { value: '', label: ctx.t('staff.frameworks.choose') },
            ...choices.map((item) => ({ value: item.id, label: `${frameworkItemLabel(ctx, item)} — ${ctx.text.plain(item.title)}` })),
          ]}
          value={props.chosen}
          errors={props.errors}
        />
        <Button text={ctx.t('staff.frameworks.addButton')} />
      </form>
    </StaffPage>
  );
}
