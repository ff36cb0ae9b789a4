import { QuarterStatusCounts } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { heading, PAGE } from './pdf-layout';
import { INK, MUTED, STATUS_COLORS, STATUS_ORDER } from './pdf-theme';
import { ReportLanguage } from './report-language';

const CHART_HEIGHT = 120;
const LEGEND_HEIGHT = 28;

/**
 * Recommendations by status at each quarter end (from the status history), as
 * stacked columns on one count scale, the total written above each column; the
 * last column is asOf itself.
 */
export function drawStatusQuarters(doc: PDFKit.PDFDocument, quarters: readonly QuarterStatusCounts[], l: ReportLanguage): void {
  heading(doc, l.t('report.statusQuarters.heading'), CHART_HEIGHT + LEGEND_HEIGHT + 40);
  const totals = quarters.map((q) => STATUS_ORDER.reduce((sum, s) => sum + q.counts[s], 0));
  const max = Math.max(1, ...totals);
  const top = doc.y + 12;
  const bottom = top + CHART_HEIGHT;
  const slot = PAGE.width / Math.max(1, quarters.length);
  const barWidth = Math.min(40, slot * 0.6);
  quarters.forEach((quarter, i) => {
    const x = PAGE.left + i * slot + (slot - barWidth) / 2;
    let y = bottom;
    for (const status of STATUS_ORDER) {
      const height = (quarter.counts[status] / max) * CHART_HEIGHT;
      if (height <= 0) continue;
      doc.rect(x, y - height, barWidth, height).fill(STATUS_COLORS[status]);
      y -= height;
    }
    doc.font(FONT.bold).fontSize(7.5).fillColor(INK).text(String(totals[i]), x - 10, y - 10, { width: barWidth + 20, align: 'center', lineBreak: false });
    doc.font(FONT.regular).fontSize(7).fillColor(MUTED).text(l.day(quarter.day), x - 15, bottom + 3, { width: barWidth + 30, align: 'center', lineBreak: false });
  });
  doc.moveTo(PAGE.left, bottom).lineTo(PAGE.left + PAGE.width, bottom).lineWidth(0.6).strokeColor(INK).stroke();
  // The legend, in the stacking order (bottom to top).
  let x = PAGE.left;
  const legendTop = bottom + 16;
  for (const status of STATUS_ORDER) {
    doc.rect(x, legendTop + 1, 7, 7).fill(STATUS_COLORS[status]);
    const label = l.status(status);
    doc.font(FONT.regular).fontSize(7).fillColor(INK).text(label, x + 10, legendTop, { lineBreak: false });
    x += 14 + doc.widthOfString(label) + 8;
  }
  doc.y = legendTop + 12;
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(l.t('report.statusQuarters.caption'), PAGE.left, doc.y, {
      width: PAGE.width,
    });
}
