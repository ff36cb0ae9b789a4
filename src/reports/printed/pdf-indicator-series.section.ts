import { periodText, unitName } from '../../action-plan/indicator-unit';
import { IndicatorDirection } from '../../action-plan/action-plan.enums';
import { ReportIndicator } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED, RULE } from './pdf-theme';
import { ReportLanguage } from './report-language';

const CHART_HEIGHT = 70;
const AXIS_WIDTH = 46;
const VALUE_COLOR = '#1565c0';
const TARGET_COLOR = '#2e7d32';
const ABOVE_COLOR = '#6a1b9a';

/** A period's position in time, in quarters; a whole year sits at its last quarter (it is reported for the whole year). */
const quarterIndex = (year: number, quarter: number | null) => year * 4 + (quarter ?? 4) - 1;

/**
 * One indicator over time: every value recorded by asOf at its period, each
 * year's target as a green step, the baseline as a grey line, on one value axis
 * whose ends are labelled (it spans values, targets and baseline, so a value
 * above its target is drawn above it, never capped). Values beyond the year's
 * target in the indicator's direction are drawn as purple squares.
 */
function drawSeries(doc: PDFKit.PDFDocument, indicator: ReportIndicator, l: ReportLanguage): void {
  const series = indicator.series ?? { values: [], targets: [] };
  const title = `${indicator.code}  ${indicator.name} (${unitName(l, indicator)})`;
  doc.font(FONT.bold).fontSize(8.5);
  ensureSpace(doc, doc.heightOfString(title, { width: PAGE.width }) + CHART_HEIGHT + 30);
  doc.fillColor(INK).text(title, PAGE.left, doc.y, { width: PAGE.width });
  const top = doc.y + 6;
  const bottom = top + CHART_HEIGHT;
  const left = PAGE.left + AXIS_WIDTH;
  const width = PAGE.width - AXIS_WIDTH;
  const baseline = indicator.progress.baseline;
  const numbers = [...series.values.map((v) => v.value), ...series.targets.map((t) => t.value), ...(baseline !== null ? [baseline] : [])];
  if (series.values.length === 0) {
    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED).text(l.t('report.series.noValues'), left, top + CHART_HEIGHT / 2 - 4);
    doc.y = bottom + 8;
    return;
  }
  // The axis spans what is drawn (not from zero: a change of a few points must stay visible); its ends are labelled.
  let lo = Math.min(...numbers);
  let hi = Math.max(...numbers);
  if (lo === hi) hi = lo + 1;
  const pad = (hi - lo) * 0.1;
  [lo, hi] = [lo - pad, hi + pad];
  const y = (value: number) => bottom - ((value - lo) / (hi - lo)) * CHART_HEIGHT;
  const years = [...new Set([...series.values.map((v) => v.year), ...series.targets.map((t) => t.year)])].sort((a, b) => a - b);
  const first = quarterIndex(years[0], 1);
  const last = quarterIndex(years[years.length - 1], 4);
  const x = (index: number) => left + ((index - first + 0.5) / (last - first + 1)) * width;

  // Frame, axis labels and year boundaries.
  doc.rect(left, top, width, CHART_HEIGHT).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED);
  doc.text(l.number(hi), PAGE.left, top - 3, { width: AXIS_WIDTH - 4, align: 'right', lineBreak: false });
  doc.text(l.number(lo), PAGE.left, bottom - 5, { width: AXIS_WIDTH - 4, align: 'right', lineBreak: false });
  for (const year of years) {
    const from = x(quarterIndex(year, 1)) - (width / (last - first + 1)) * 0.5;
    doc.moveTo(from, top).lineTo(from, bottom).lineWidth(0.3).strokeColor(RULE).stroke();
    doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED).text(String(year), from, bottom + 2, { width: (width / (last - first + 1)) * 4, align: 'center', lineBreak: false });
  }
  if (baseline !== null) {
    doc.moveTo(left, y(baseline)).lineTo(left + width, y(baseline)).dash(2, { space: 2 }).lineWidth(0.6).strokeColor(MUTED).stroke().undash();
    doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED).text(l.t('report.indicators.baseline', { value: l.number(baseline) }), left + 2, y(baseline) - 8, { lineBreak: false });
  }
  const targets = new Map(series.targets.map((t) => [t.year, t.value]));
  for (const target of series.targets) {
    const from = x(quarterIndex(target.year, 1)) - (width / (last - first + 1)) * 0.5;
    const to = from + (width / (last - first + 1)) * 4;
    doc.moveTo(from, y(target.value)).lineTo(to, y(target.value)).lineWidth(1.4).strokeColor(TARGET_COLOR).stroke();
  }
  // Quarterly values joined by a line; annual values as points of their own.
  const quarterly = series.values.filter((v) => v.quarter !== null);
  quarterly.forEach((v, i) => {
    const px = x(quarterIndex(v.year, v.quarter));
    if (i === 0) doc.moveTo(px, y(v.value));
    else doc.lineTo(px, y(v.value));
  });
  if (quarterly.length > 1) doc.lineWidth(1).strokeColor(VALUE_COLOR).stroke();
  const increase = indicator.direction === IndicatorDirection.INCREASE;
  for (const v of series.values) {
    const px = x(quarterIndex(v.year, v.quarter));
    const target = targets.get(v.year);
    const beyond = target !== undefined && (increase ? v.value > target : v.value < target);
    if (beyond) doc.rect(px - 2.5, y(v.value) - 2.5, 5, 5).fill(ABOVE_COLOR);
    else doc.circle(px, y(v.value), v.quarter === null ? 3 : 2).fill(VALUE_COLOR);
  }
  const latest = series.values[series.values.length - 1];
  doc.font(FONT.regular).fontSize(6.5).fillColor(INK).text(`${periodText(l, latest.period)}: ${l.number(latest.value)}`, left + width - 120, top + 2, { width: 116, align: 'right', lineBreak: false });
  doc.y = bottom + 14;
}

/** At most this many indicators are charted over time; the report says how many more there are. */
export const SERIES_CHARTED = 30;

/** The indicators' values over time against their yearly targets and baseline. */
export function drawIndicatorSeries(doc: PDFKit.PDFDocument, all: readonly ReportIndicator[], l: ReportLanguage): void {
  if (all.length === 0) return;
  const indicators = all.slice(0, SERIES_CHARTED);
  heading(doc, l.t('report.series.heading'), CHART_HEIGHT + 60);
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(
      l.t('report.series.caption'),
      PAGE.left,
      doc.y,
      { width: PAGE.width },
    );
  doc.moveDown(0.5);
  for (const indicator of indicators) drawSeries(doc, indicator, l);
  if (all.length > indicators.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(l.t('report.series.more', { count: all.length - indicators.length }), PAGE.left, doc.y);
  }
}
