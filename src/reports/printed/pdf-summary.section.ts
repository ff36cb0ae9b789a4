import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { ProgressSummary } from '../progress-summary.type';
import { FONT } from './pdf-fonts';
import { heading, PAGE } from './pdf-layout';
import { INK, MUTED, STATUS_COLORS, STATUS_ORDER, TRACK } from './pdf-theme';
import { ReportLanguage } from './report-language';

/** Four figures a reader takes in at a glance: total, implemented, implementation rate, overdue. */
export function drawSummaryFigures(doc: PDFKit.PDFDocument, summary: ProgressSummary, l: ReportLanguage): void {
  const implemented = summary.byStatus.find((s) => s.status === RecommendationStatus.IMPLEMENTED)?.count ?? 0;
  const figures: [string, string][] = [
    [String(summary.recommendationsTotal), l.t('report.summary.recommendations', { count: summary.recommendationsTotal })],
    [String(implemented), l.t('report.summary.implemented')],
    [l.percent(summary.implementationRate), l.t('report.summary.rate')],
    [String(summary.overdue), l.t('report.summary.overdue')],
  ];
  heading(doc, l.t('report.summary.heading'), 180);
  const top = doc.y;
  const boxWidth = (PAGE.width - 3 * 10) / 4;
  figures.forEach(([value, label], i) => {
    const x = PAGE.left + i * (boxWidth + 10);
    doc.roundedRect(x, top, boxWidth, 52, 4).fill('#f5f5f5');
    doc.font(FONT.bold).fontSize(20).fillColor(INK).text(value, x, top + 8, { width: boxWidth, align: 'center' });
    doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED).text(label, x, top + 35, { width: boxWidth, align: 'center' });
  });
  doc.y = top + 52;
  doc.moveDown(0.6);
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor(MUTED)
    .text(l.t('report.summary.caption'), PAGE.left, doc.y, {
      width: PAGE.width,
    });
}

/** Recommendations by status as horizontal bars, each labelled with its count. */
export function drawStatusChart(doc: PDFKit.PDFDocument, summary: ProgressSummary, l: ReportLanguage): void {
  heading(doc, l.t('report.statusChart.heading'), 7 * 20);
  const counts = new Map(summary.byStatus.map((s) => [s.status, s.count]));
  const max = Math.max(1, ...counts.values());
  // Wide enough for the longest status in the language (На рассмотрении), so no label wraps into the next bar.
  doc.font(FONT.regular).fontSize(9);
  const labelWidth = Math.max(90, ...STATUS_ORDER.map((status) => doc.widthOfString(l.status(status)) + 10));
  const barMax = PAGE.width - labelWidth - 50;
  let y = doc.y;
  for (const status of STATUS_ORDER) {
    const count = counts.get(status) ?? 0;
    const barWidth = (count / max) * barMax;
    doc.font(FONT.regular).fontSize(9).fillColor(INK).text(l.status(status), PAGE.left, y + 2, { width: labelWidth - 8, align: 'right' });
    doc.rect(PAGE.left + labelWidth, y, barMax, 14).fill(TRACK);
    if (barWidth > 0) doc.rect(PAGE.left + labelWidth, y, barWidth, 14).fill(STATUS_COLORS[status]);
    doc.font(FONT.bold).fontSize(9).fillColor(INK).text(String(count), PAGE.left + labelWidth + barMax + 6, y + 2, { width: 44 });
    y += 20;
  }
  doc.y = y;
}
