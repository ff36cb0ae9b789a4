import { ValueStatus } from '../../action-plan/value-status';
import { Writable } from 'node:stream';
import { pdfkit } from '../../common/loaded-on-first-use';
import { ProgressReportData, ReportFilter } from './progress-report.data';
import { ReportLanguage } from './report-language';
import { drawIndicatorBars } from './pdf-indicator-bars.section';
import { drawIndicatorSeries } from './pdf-indicator-series.section';
import { drawStatusQuarters } from './pdf-status-quarters.section';
import { FONT, fontFile } from './pdf-fonts';
import { PAGE } from './pdf-layout';
import { drawOrganizationTable } from './pdf-organization-table.section';
import { drawOverdueList } from './pdf-overdue.section';
import { drawDeadlineChanges, drawDivergences } from './pdf-deadline-changes.section';
import { drawCompleteness } from './pdf-completeness.section';
import { drawStatusChart, drawSummaryFigures } from './pdf-summary.section';
import { INK, MUTED } from './pdf-theme';

export interface RenderOptions {
  /** Deflate the page contents; off in tests so that they can read the text operators. */
  compress: boolean;
  /** The language of every label (the data's `lang`). */
  language: ReportLanguage;
}

function drawTitle(doc: PDFKit.PDFDocument, data: ProgressReportData, l: ReportLanguage): void {
  doc.font(FONT.bold).fontSize(20).fillColor(INK).text(l.t('report.title', { year: String(data.year) }), PAGE.left, 50, { width: PAGE.width });
  const scope = scopeText(data, l);
  doc.font(FONT.regular).fontSize(11).fillColor(INK).text(scope, { width: PAGE.width });
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(l.t('report.statusesAsOf', { asOf: l.day(data.asOf), today: l.day(data.today), timeZone: data.timeZone }), { width: PAGE.width });
  doc.text(l.t('report.figuresAsOf', { asOf: l.day(data.asOf), valuesKnownBy: l.day(data.valuesKnownBy) }), { width: PAGE.width });
  if (data.valueStatus !== ValueStatus.APPROVED) doc.fillColor(INK).text(l.t('report.submittedValues'), { width: PAGE.width }).fillColor(MUTED);
  doc.text(l.t('report.filters', { filters: filtersText(data, l) }), { width: PAGE.width });
}

/** What the report covers, under its title: the plan, the organisation, else everything or the recommendations the filters select. */
function scopeText(data: ProgressReportData, l: ReportLanguage): string {
  const organization = data.filters.find((f) => f.filter === 'organization');
  if (organization) {
    return data.plan
      ? l.t('report.scope.planOrganization', { code: data.plan.code, title: data.plan.title, name: organization.name })
      : l.t('report.scope.organization', { name: organization.name });
  }
  if (data.plan) return l.t('report.scope.plan', { code: data.plan.code, title: data.plan.title });
  return data.filters.length ? l.t('report.scope.filtered') : l.t('report.scope.all');
}

function filterText(filter: ReportFilter, l: ReportLanguage): string {
  switch (filter.filter) {
    case 'organization':
      return l.t('report.filter.organization', { name: filter.name });
    case 'region':
      return l.t('report.filter.region', { region: filter.region });
    case 'meeting':
      return l.t('report.filter.meeting', { title: filter.title, date: l.day(filter.heldOn) });
  }
}

/** The parameters as given (names and values as in the URL), so a reader can ask for the same report (or the same figures as exports). */
function filtersText(data: ProgressReportData, l: ReportLanguage): string {
  const parts = [`year=${data.year}`, `asOf=${data.asOf}`, `valuesKnownBy=${data.valuesKnownBy}`];
  if (data.valueStatus !== ValueStatus.APPROVED) parts.push(`valueStatus=${data.valueStatus}`);
  if (data.lang !== 'en') parts.push(`lang=${data.lang}`);
  if (data.plan) parts.push(l.t('report.filter.plan', { code: data.plan.code }));
  parts.push(...data.filters.map((f) => filterText(f, l)));
  return parts.join(' · ');
}

/** Page numbers in the footer, written once every page exists. */
function drawPageNumbers(doc: PDFKit.PDFDocument, data: ProgressReportData, l: ReportLanguage): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(l.t('report.footer', { year: String(data.year), asOf: l.day(data.asOf), page: String(i + 1), pages: String(count) }), PAGE.left, doc.page.height - 38, {
        width: PAGE.width,
        align: 'center',
        lineBreak: false,
      });
    doc
      .fontSize(6)
      .text(`SHA-256 ${data.fingerprint}`, PAGE.left, doc.page.height - 28, {
        width: PAGE.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Writes the printed progress report as an A4 PDF into `out`, and ends it: title
 * and date, the summary figures, recommendations by status (chart) and by
 * responsible organisation (table), each indicator's baseline → actual → target,
 * the overdue recommendations, and the deadlines moved.
 */
export function renderProgressReport(data: ProgressReportData, out: Writable, options: RenderOptions): Promise<void> {
  const l = options.language;
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress,
    bufferPages: true,
    // A creation date derived from the inputs (pdfkit's file id is a hash of the info, so it follows): the same report, the same bytes.
    lang: data.lang,
    info: {
      Title: l.t('report.title', { year: String(data.year) }),
      Author: l.t('report.author'),
      Subject: l.t('report.subject', { asOf: l.day(data.asOf), fingerprint: data.fingerprint }),
      CreationDate: new Date(`${data.asOf}T00:00:00Z`),
    },
  });
  doc.registerFont(FONT.regular, fontFile(FONT.regular));
  doc.registerFont(FONT.bold, fontFile(FONT.bold));
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  drawTitle(doc, data, l);
  drawSummaryFigures(doc, data.summary, l);
  drawStatusChart(doc, data.summary, l);
  drawStatusQuarters(doc, data.statusesByQuarter, l);
  drawOrganizationTable(doc, data.byOrganization, l);
  drawIndicatorBars(doc, data.indicators, data.year, l);
  drawIndicatorSeries(doc, data.indicators, l);
  drawOverdueList(doc, data.overdue, data.summary.overdue, data.asOf, l);
  drawDeadlineChanges(doc, data.deadlineChanges, data.asOf, l);
  drawDivergences(doc, data.divergences, data.asOf, l);
  drawCompleteness(doc, data.completeness, data.year, data.asOf, l);
  drawPageNumbers(doc, data, l);
  doc.end();
  return done;
}
