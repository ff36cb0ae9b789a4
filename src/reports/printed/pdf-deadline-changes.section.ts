import { DeadlineChanges } from './deadline-changes.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED } from './pdf-theme';
import { ReportLanguage } from './report-language';

/** The due dates moved by asOf, the latest first: from, to, when and by whom; `total` may exceed the rows listed. */
export function drawDeadlineChanges(doc: PDFKit.PDFDocument, changes: DeadlineChanges, asOf: string, l: ReportLanguage): void {
  heading(doc, l.t('report.deadlines.heading', { count: String(changes.total) }), 40);
  if (changes.rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(l.t('report.deadlines.none', { asOf: l.day(asOf) }), PAGE.left, doc.y);
    return;
  }
  const none = l.t('report.deadlines.noDate');
  for (const row of changes.rows) {
    const title = `${row.code}  ${row.title}`;
    const details = l.t('report.deadlines.details', {
      from: row.fromDueDate ? l.day(row.fromDueDate) : none,
      to: row.toDueDate ? l.day(row.toDueDate) : none,
      date: l.day(row.changedOn),
      by: row.changedBy ?? '–',
    });
    doc.font(FONT.bold).fontSize(9);
    const height = doc.heightOfString(title, { width: PAGE.width }) + doc.font(FONT.regular).fontSize(8).heightOfString(details, { width: PAGE.width }) + 6;
    ensureSpace(doc, height);
    doc.font(FONT.bold).fontSize(9).fillColor(INK).text(title, PAGE.left, doc.y, { width: PAGE.width });
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(details, PAGE.left, doc.y, { width: PAGE.width });
    doc.moveDown(0.4);
  }
  if (changes.total > changes.rows.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(l.t('report.deadlines.more', { count: String(changes.total - changes.rows.length) }), PAGE.left, doc.y);
  }
}
