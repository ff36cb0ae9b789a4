import { OverdueRecommendation } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED, STATUS_LABELS } from './pdf-theme';

/** The overdue recommendations, the longest overdue first; `total` may exceed the rows listed. */
export function drawOverdueList(doc: PDFKit.PDFDocument, rows: readonly OverdueRecommendation[], total: number, asOf: string): void {
  heading(doc, `Overdue recommendations (${total})`, 40);
  if (rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(`None on ${asOf}.`, PAGE.left, doc.y);
    return;
  }
  for (const row of rows) {
    const title = `${row.code}  ${row.title}`;
    const details = `due ${row.dueDate} · ${STATUS_LABELS[row.status]}${row.organizations ? ` · ${row.organizations}` : ''}`;
    doc.font(FONT.bold).fontSize(9);
    const height = doc.heightOfString(title, { width: PAGE.width }) + doc.font(FONT.regular).fontSize(8).heightOfString(details, { width: PAGE.width }) + 6;
    ensureSpace(doc, height);
    doc.font(FONT.bold).fontSize(9).fillColor(INK).text(title, PAGE.left, doc.y, { width: PAGE.width });
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(details, PAGE.left, doc.y, { width: PAGE.width });
    doc.moveDown(0.4);
  }
  if (total > rows.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(`… and ${total - rows.length} more (see the recommendations export).`, PAGE.left, doc.y);
  }
}
