import { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { ProgressReportData } from './progress-report.data';
import { drawIndicatorBars } from './pdf-indicator-bars.section';
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
      .text(`Progress report ${data.year} · page ${i + 1} of ${count}`, PAGE.left, doc.page.height - 35, {
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
    info: { Title: `Implementation progress report ${data.year}`, Author: 'Roundtable recommendations tracker' },
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
  drawOrganizationTable(doc, data.byOrganization);
  drawIndicatorBars(doc, data.indicators, data.year);
  drawOverdueList(doc, data.overdue, data.summary.overdue, data.asOf);
  drawPageNumbers(doc, data);
  doc.end();
  return done;
}
