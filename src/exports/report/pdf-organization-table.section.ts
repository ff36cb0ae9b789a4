import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { OrganizationStatusCounts } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED, RULE, STATUS_LABELS, STATUS_ORDER } from './pdf-theme';

const NAME_WIDTH = 112;
const TOTAL_WIDTH = 36;
const COUNT_WIDTH = (PAGE.width - NAME_WIDTH - TOTAL_WIDTH) / STATUS_ORDER.length;

/** "Implemented" is wider than its column: a soft hyphen lets it break as Imple-/mented. */
const HEADER_LABELS: Partial<Record<RecommendationStatus, string>> = { [RecommendationStatus.IMPLEMENTED]: 'Imple\u00ADmented' };

function headerRow(doc: PDFKit.PDFDocument): void {
  const top = doc.y;
  doc.font(FONT.bold).fontSize(7).fillColor(INK);
  doc.text('Responsible organisation', PAGE.left, top, { width: NAME_WIDTH - 4 });
  STATUS_ORDER.forEach((status, i) => {
    doc.text(HEADER_LABELS[status] ?? STATUS_LABELS[status], PAGE.left + NAME_WIDTH + i * COUNT_WIDTH, top, {
      width: COUNT_WIDTH - 2,
      align: 'right',
    });
  });
  doc.text('Total', PAGE.left + PAGE.width - TOTAL_WIDTH, top, { width: TOTAL_WIDTH, align: 'right' });
  const bottom = top + 22;
  doc.moveTo(PAGE.left, bottom).lineTo(PAGE.left + PAGE.width, bottom).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y = bottom + 4;
}

/** Recommendations per responsible organisation, counted per status (as of the report's date). */
export function drawOrganizationTable(doc: PDFKit.PDFDocument, rows: readonly OrganizationStatusCounts[]): void {
  heading(doc, 'Recommendations by responsible organisation', 80);
  if (rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text('No recommendations.', PAGE.left, doc.y);
    return;
  }
  headerRow(doc);
  for (const row of rows) {
    const name = row.organization ?? '(no responsible organisation)';
    doc.font(FONT.regular).fontSize(8.5);
    const height = Math.max(12, doc.heightOfString(name, { width: NAME_WIDTH - 4 })) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      headerRow(doc);
    }
    const top = doc.y;
    doc.fillColor(row.organization ? INK : MUTED).text(name, PAGE.left, top, { width: NAME_WIDTH - 4 });
    doc.fillColor(INK);
    STATUS_ORDER.forEach((status, i) => {
      const count = row.counts[status];
      doc.fillColor(count ? INK : RULE).text(String(count), PAGE.left + NAME_WIDTH + i * COUNT_WIDTH, top, {
        width: COUNT_WIDTH - 2,
        align: 'right',
      });
    });
    doc.font(FONT.bold).fillColor(INK).text(String(row.total), PAGE.left + PAGE.width - TOTAL_WIDTH, top, { width: TOTAL_WIDTH, align: 'right' });
    const bottom = top + height;
    doc.moveTo(PAGE.left, bottom - 2).lineTo(PAGE.left + PAGE.width, bottom - 2).lineWidth(0.3).strokeColor(RULE).stroke();
    doc.y = bottom;
  }
  ensureSpace(doc, 14);
  doc.moveDown(0.3);
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text('A recommendation with several responsible organisations is counted under each of them.', PAGE.left, doc.y, { width: PAGE.width });
}
