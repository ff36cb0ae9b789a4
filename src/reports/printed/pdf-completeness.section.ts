import type { MessageKey } from '../../i18n/i18n.service';
import type { CompletenessRow } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { heading, PAGE } from './pdf-layout';
import { INK, MUTED, RULE } from './pdf-theme';
import { ReportLanguage } from './report-language';

const NAME_WIDTH = 200;

/** The figures, right-aligned after the organisation's name. */
const COLUMNS: { label: MessageKey; value: (row: CompletenessRow) => number }[] = [
  { label: 'completeness.expected', value: (r) => r.expected },
  { label: 'completeness.reported', value: (r) => r.reported },
  { label: 'completeness.onTime', value: (r) => r.reportedOnTime },
  { label: 'completeness.overdue', value: (r) => r.overdue },
  { label: 'completeness.daysLate', value: (r) => r.daysLate },
];
const COLUMN_WIDTH = (PAGE.width - NAME_WIDTH) / COLUMNS.length;

function headerRow(doc: PDFKit.PDFDocument, l: ReportLanguage): void {
  const top = doc.y;
  doc.font(FONT.bold).fontSize(7).fillColor(INK);
  doc.text(l.t('report.completeness.organization'), PAGE.left, top, { width: NAME_WIDTH - 4 });
  COLUMNS.forEach((c, i) => doc.text(l.t(c.label), PAGE.left + NAME_WIDTH + i * COLUMN_WIDTH + 4, top, { width: COLUMN_WIDTH - 6, align: 'right' }));
  const bottom = top + 22;
  doc.moveTo(PAGE.left, bottom).lineTo(PAGE.left + PAGE.width, bottom).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y = bottom + 4;
}

/**
 * Reporting completeness (issue 23): per organisation, the indicator values due for the year's
 * periods ended by asOf, how many were reported, on time and overdue, and the days late. A new
 * page repeats the header row.
 */
export function drawCompleteness(doc: PDFKit.PDFDocument, rows: readonly CompletenessRow[], year: number, asOf: string, l: ReportLanguage): void {
  heading(doc, l.t('report.completeness.heading', { year: String(year), date: l.day(asOf) }), 60);
  if (rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(l.t('completeness.none', { year: String(year), date: l.day(asOf) }), PAGE.left, doc.y, { width: PAGE.width });
    return;
  }
  headerRow(doc, l);
  for (const row of rows) {
    const height = Math.max(12, doc.font(FONT.regular).fontSize(8.5).heightOfString(row.organization, { width: NAME_WIDTH - 4 })) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      headerRow(doc, l);
    }
    const top = doc.y;
    doc.font(FONT.regular).fontSize(8.5).fillColor(INK).text(row.organization, PAGE.left, top, { width: NAME_WIDTH - 4 });
    COLUMNS.forEach((c, i) => {
      const value = c.value(row);
      doc
        .font(FONT.regular)
        .fontSize(8.5)
        .fillColor(value === 0 ? RULE : INK)
        .text(l.number(value), PAGE.left + NAME_WIDTH + i * COLUMN_WIDTH, top, { width: COLUMN_WIDTH - 2, align: 'right' });
    });
    const bottom = top + height;
    doc.moveTo(PAGE.left, bottom - 2).lineTo(PAGE.left + PAGE.width, bottom - 2).lineWidth(0.3).strokeColor(RULE).stroke();
    doc.y = bottom;
  }
  doc.moveDown(0.5);
}
