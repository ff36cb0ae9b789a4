import { periodText, unitName } from '../../action-plan/indicator-unit';
import { ProgressStatus } from '../../action-plan/action-plan.enums';
import { ReportIndicator } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED, PROGRESS_COLORS, TRACK } from './pdf-theme';
import { ReportLanguage } from './report-language';

const BAR_WIDTH = 340;
const STATUS_WIDTH = PAGE.width - BAR_WIDTH - 20;

/** Maps values onto the bar: the span of baseline, actual and target (and zero when none is given). */
function scale(values: readonly (number | null)[]): (value: number) => number {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) present.push(0);
  let lo = Math.min(...present);
  let hi = Math.max(...present);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  // A little room at both ends so the end labels stay on the bar's scale.
  const pad = (hi - lo) * 0.04;
  return (value) => PAGE.left + ((value - (lo - pad)) / (hi - lo + 2 * pad)) * BAR_WIDTH;
}

function marker(doc: PDFKit.PDFDocument, x: number, top: number, label: string, above: boolean): void {
  doc.moveTo(x, top - 3).lineTo(x, top + 15).lineWidth(1.2).strokeColor(INK).stroke();
  const y = above ? top - 13 : top + 17;
  doc.font(FONT.regular).fontSize(7).fillColor(INK).text(label, x - 50, y, { width: 100, align: 'center', lineBreak: false });
}

/**
 * One line per indicator: baseline → actual → target on a common scale. The
 * filled part runs from the baseline to the actual in the status colour;
 * baseline and target are marked above the bar, the actual below it.
 */
function drawIndicator(doc: PDFKit.PDFDocument, indicator: ReportIndicator, l: ReportLanguage): void {
  const { baseline, target, actual, percentOfTarget, status } = indicator.progress;
  const title = `${indicator.code}  ${indicator.name} (${unitName(l, indicator)})`;
  doc.font(FONT.bold).fontSize(9);
  ensureSpace(doc, doc.heightOfString(title, { width: PAGE.width }) + 58);
  doc.fillColor(INK).text(title, PAGE.left, doc.y, { width: PAGE.width });
  const top = doc.y + 16;
  const x = scale([baseline, actual, target]);
  doc.rect(PAGE.left, top, BAR_WIDTH, 12).fill(TRACK);
  if (actual !== null) {
    const from = x(baseline ?? Math.min(actual, 0));
    const to = x(actual);
    doc.rect(Math.min(from, to), top, Math.max(2, Math.abs(to - from)), 12).fill(PROGRESS_COLORS[status]);
  }
  if (baseline !== null) marker(doc, x(baseline), top, l.t('report.indicators.baseline', { value: l.number(baseline) }), true);
  if (target !== null) marker(doc, x(target), top, l.t('report.indicators.target', { value: l.number(target) }), true);
  const period = indicator.progress.actualPeriod;
  const year = String(indicator.progress.year);
  const actualLabel =
    actual === null
      ? l.t('report.indicators.noValue', { year })
      : period
        ? l.t('report.indicators.actualIn', { value: l.number(actual), period: periodText(l, period) })
        : l.t('report.indicators.actual', { value: l.number(actual) });
  doc
    .font(FONT.regular)
    .fontSize(7)
    .fillColor(actual !== null ? INK : MUTED)
    .text(actualLabel, actual !== null ? x(actual) - 50 : PAGE.left, top + 16, {
      width: actual !== null ? 100 : BAR_WIDTH,
      align: 'center',
      lineBreak: false,
    });
  const statusText = percentOfTarget !== null && status !== ProgressStatus.NO_DATA
    ? `${l.progress(status)} · ${l.percent(percentOfTarget)}`
    : l.progress(status);
  doc.font(FONT.bold).fontSize(9).fillColor(PROGRESS_COLORS[status]);
  doc.text(statusText, PAGE.left + BAR_WIDTH + 20, top + 1, { width: STATUS_WIDTH, lineBreak: false });
  if (target === null) {
    doc.font(FONT.regular).fontSize(7).fillColor(MUTED).text(l.t('report.indicators.noTarget', { year }), PAGE.left + BAR_WIDTH + 20, top + 14, { width: STATUS_WIDTH });
  }
  doc.y = top + 32;
}

/** At most this many indicators are drawn; the report says how many more there are. */
export const INDICATORS_LISTED = 60;

/** The indicators of the report's year, measured against that year's target. */
export function drawIndicatorBars(doc: PDFKit.PDFDocument, all: readonly ReportIndicator[], year: number, l: ReportLanguage): void {
  const indicators = all.slice(0, INDICATORS_LISTED);
  heading(doc, l.t('report.indicators.heading', { year: String(year) }), 70);
  if (indicators.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(l.t('report.indicators.none'), PAGE.left, doc.y);
    return;
  }
  doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(
    l.t('report.indicators.caption'),
    PAGE.left,
    doc.y,
    { width: PAGE.width },
  );
  doc.moveDown(0.6);
  for (const indicator of indicators) drawIndicator(doc, indicator, l);
  if (all.length > indicators.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(l.t('report.indicators.more', { count: all.length - indicators.length }), PAGE.left, doc.y);
  }
}
