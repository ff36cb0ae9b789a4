import { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { ProgressReportData } from './progress-report.data';
import { drawIndicatorBars } from './pdf-indicator-bars.section';
import { drawIndicatorSeries } from './pdf-indicator-series.section';
import { drawStatusQuarters } from './pdf-status-quarters.section';
import { FONT, fontFile } from './pdf-fonts';
import { PAGE } from './pdf-layout';
import { drawOrganizationTable } from './pdf-organization-table.section';
import { drawOverdueList } from './pdf-overdue.section';
import { drawStatusChart, drawSummaryFigures } from './pdf-summary.section';
import { INK, MUTED } from './pdf-theme';

export interface RenderOptions {
  /** Deflate the page contents; off in tests so that they can read the text operators. */
  compress: boolean;
}

function drawTitle(doc: PDFKit.PDFDocument, data: ProgressReportData): void {
  doc.font(FONT.bold).fontSize(20).fillColor(INK).text(`Implementation progress report ${data.year}`, PAGE.left, 50, { width: PAGE.width });
  const scope = data.plan ? `Action plan ${data.plan.code}: ${data.plan.title}` : 'All action plans and recommendations';
  doc.font(FONT.regular).fontSize(11).fillColor(INK).text(scope, { width: PAGE.width });
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Statuses as of ${data.asOf} · generated ${data.today} (${data.timeZone})`, { width: PAGE.width });
  doc.text(`Figures as they stood at the end of ${data.asOf}: statuses from the status history, indicator values recorded by then.`, { width: PAGE.width });
  doc.text(`Filters: ${filtersText(data)}`, { width: PAGE.width });
}

/** The parameters as given, so a reader can ask for the same report (or the same figures as exports). */
function filtersText(data: ProgressReportData): string {
  const parts = [`year=${data.year}`, `asOf=${data.asOf}`];
  if (data.plan) parts.push(`action plan ${data.plan.code}`);
  parts.push(...data.filters);
  return parts.join(' · ');
}

/** Page numbers in the footer, written once every page exists. */
function drawPageNumbers(doc: PDFKit.PDFDocument, data: ProgressReportData): void {
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
      .text(`Progress report ${data.year} · as of ${data.asOf} · page ${i + 1} of ${count}`, PAGE.left, doc.page.height - 38, {
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
 * and the overdue recommendations.
 */
export function renderProgressReport(data: ProgressReportData, out: Writable, options: RenderOptions): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress,
    bufferPages: true,
    // A creation date derived from the inputs (pdfkit's file id is a hash of the info, so it follows): the same report, the same bytes.
    info: {
      Title: `Implementation progress report ${data.year}`,
      Author: 'Roundtable recommendations tracker',
      Subject: `As of ${data.asOf}; SHA-256 ${data.fingerprint}`,
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
  drawTitle(doc, data);
  drawSummaryFigures(doc, data.summary);
  drawStatusChart(doc, data.summary);
  drawStatusQuarters(doc, data.statusesByQuarter);
  drawOrganizationTable(doc, data.byOrganization);
  drawIndicatorBars(doc, data.indicators, data.year);
  drawIndicatorSeries(doc, data.indicators);
  drawOverdueList(doc, data.overdue, data.summary.overdue, data.asOf);
  drawPageNumbers(doc, data);
  doc.end();
  return done;
}
