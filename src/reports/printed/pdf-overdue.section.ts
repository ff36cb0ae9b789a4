import { OverdueRecommendation } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED } from './pdf-theme';
import { ReportLanguage } from './report-language';

/** The overdue recommendations, the longest overdue first; `total` may exceed the rows listed. */
export function drawOverdueList(doc: PDFKit.PDFDocument, rows: readonly OverdueRecommendation[], total: number, asOf: string, l: ReportLanguage): void {
  heading(doc, l.t('report.overdue.heading', { count: String(total) }), 40);
  if (rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(l.t('report.overdue.none', { asOf: l.day(asOf) }), PAGE.left, doc.y);
    return;
  }
  for (const row of rows) {
    const title = `${row.code}  ${row.title}`;
    const details = `${l.t('report.overdue.details', { date: l.day(row.dueDate), status: l.status(row.status) })}${row.organizations ? ` · ${row.organizations}` : ''}`;
    doc.font(FONT.bold).fontSize(9);
    const height = doc.heightOfString(title, { width: PAGE.width }) + doc.font(FONT.regular).fontSize(8).heightOfString(details, { width: PAGE.width }) + 6;
    ensureSpace(doc, height);
    doc.font(FONT.bold).fontSize(9).fillColor(INK).text(title, PAGE.left, doc.y, { width: PAGE.width });
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(details, PAGE.left, doc.y, { width: PAGE.width });
    doc.moveDown(0.4);
  }
  if (total > rows.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(l.t('report.overdue.more', { count: String(total - rows.length) }), PAGE.left, doc.y);
  }
}
