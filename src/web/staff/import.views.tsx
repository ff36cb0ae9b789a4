import type { ImportSummary } from '../../imports/import-summary';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../components/csrf-field';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from '../forms/field-errors';
import { Button } from '../components/button';
import { summaryOf } from '../forms/field-errors';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { translateImportReason } from './import-reasons';
import { StaffPage } from './staff-layout';

function UploadForm({ ctx, errors }: { ctx: PageContext; errors: FieldErrors }): SafeHtml {
  const error = errors.file;
  // Multipart bodies are read after the CSRF check, so the token travels in the action's query.
  return (
    <form method="post" action={`/work/import?_csrf=${encodeURIComponent(ctx.csrfToken ?? '')}`} enctype="multipart/form-data" novalidate>
      <CsrfField ctx={ctx} />
      <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label class="govuk-label govuk-label--s" for="file">
          {ctx.t('staff.import.file')}
        </label>
        <div id="file-hint" class="govuk-hint">
          {ctx.t('staff.import.fileHint')}
        </div>
        {error ? (
          <p id="file-error" class="govuk-error-message">
            <span class="govuk-visually-hidden">{ctx.t('staff.form.errorPrefix')}</span> {error}
          </p>
        ) : null}
        <input
          class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
          id="file"
          name="file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
        />
      </div>
      <Button text={ctx.t('staff.import.check')} />
    </form>
  );
}

export function ImportPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  errors: FieldErrors;
  success: string | null;
  /** The dry run of the uploaded file, when there is one. */
  result: { summary: ImportSummary; draftId: string | null; fileName: string } | null;
}): SafeHtml {
  const { ctx, result } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.import.title')} errors={summaryOf(props.errors)} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.import.title')}</h1>
      {result ? <DryRun ctx={ctx} {...result} /> : <p class="govuk-body">{ctx.t('staff.import.intro')}</p>}
      {result?.draftId ? null : <UploadForm ctx={ctx} errors={props.errors} />}
      <p class="govuk-body">
        <a class="govuk-link" href="/exports/indicator-values.csv">
          {ctx.t('staff.import.template')}
        </a>
      </p>
    </StaffPage>
  );
}

function DryRun(props: { ctx: PageContext; summary: ImportSummary; draftId: string | null; fileName: string }): SafeHtml {
  const { ctx, summary } = props;
  if (summary.errors.length) {
    return (
      <>
        <h2 class="govuk-heading-m">{ctx.t('staff.import.rejectedTitle', { file: props.fileName, rows: summary.rejected })}</h2>
        <p class="govuk-body">{ctx.t('staff.import.rejectedText')}</p>
        <TableWrapper label={ctx.t('staff.import.errorsCaption')}>
          <Table
            caption={ctx.t('staff.import.errorsCaption')}
            captionClasses="govuk-table__caption--s"
            head={[{ text: ctx.t('staff.import.row'), format: 'numeric' }, { text: ctx.t('staff.import.column') }, { text: ctx.t('staff.import.reason') }]}
            rows={summary.errors.map((error) => {
              const reason = translateImportReason(ctx.t, error);
              return [
                { text: String(error.row), format: 'numeric' },
                { text: error.column ?? '—' },
                { text: reason.text, attributes: { lang: reason.translated ? undefined : 'en' } },
              ];
            })}
          />
        </TableWrapper>
      </>
    );
  }
  return (
    <>
      <h2 class="govuk-heading-m">{ctx.t('staff.import.checkTitle', { file: props.fileName })}</h2>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.import.new')}</dt>
          <dd class="govuk-summary-list__value">{ctx.i18n.number(summary.imported)}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.import.updated')}</dt>
          <dd class="govuk-summary-list__value">{ctx.i18n.number(summary.updated)}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.import.unchanged')}</dt>
          <dd class="govuk-summary-list__value">{ctx.i18n.number(summary.unchanged)}</dd>
        </div>
      </dl>
      {props.draftId ? (
        <form method="post" action={`/work/import/${props.draftId}/confirm`}>
          <CsrfField ctx={ctx} />
          <div class="govuk-button-group">
            <Button text={ctx.t('staff.import.confirm')} />
            <a class="govuk-link" href="/work/import">
              {ctx.t('staff.import.cancel')}
            </a>
          </div>
        </form>
      ) : null}
    </>
  );
}
