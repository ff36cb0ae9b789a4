import { DeadlineChanges, Divergences } from './deadline-changes.data';
import type { RecommendationStatus } from '../../recommendations/recommendation.enums';
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

/**
 * Where civil society sees it otherwise: each recommendation in scope whose official status at asOf
 * differs from a civil-society organisation's assessment published by then, with each organisation's
 * status and date; `total` may exceed the rows listed.
 */
export function drawDivergences(doc: PDFKit.PDFDocument, divergences: Divergences, asOf: string, l: ReportLanguage): void {
  heading(doc, l.t('report.divergences.heading', { count: String(divergences.total) }), 40);
  doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(l.t('report.divergences.intro'), PAGE.left, doc.y, { width: PAGE.width });
  doc.moveDown(0.4);
  if (divergences.rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(l.t('report.divergences.none', { asOf: l.day(asOf) }), PAGE.left, doc.y);
    return;
  }
  for (const row of divergences.rows) {
    const title = `${row.code}  ${row.title}`;
    const official = l.t('report.divergences.official', { status: l.status(row.status as RecommendationStatus) });
    const views = row.assessments
      .map((a) => l.t('report.divergences.independent', { organization: a.organization, status: l.status(a.status as RecommendationStatus), date: l.day(a.assessedOn) }))
      .join('\n');
    const details = `${official}\n${views}`;
    doc.font(FONT.bold).fontSize(9);
    const height = doc.heightOfString(title, { width: PAGE.width }) + doc.font(FONT.regular).fontSize(8).heightOfString(details, { width: PAGE.width }) + 6;
    ensureSpace(doc, height);
    doc.font(FONT.bold).fontSize(9).fillColor(INK).text(title, PAGE.left, doc.y, { width: PAGE.width });
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(details, PAGE.left, doc.y, { width: PAGE.width });
    doc.moveDown(0.4);
  }
  if (divergences.total > divergences.rows.length) {
    doc.font(FONT.regular).fontSize(8).fillColor(MUTED).text(l.t('report.divergences.more', { count: String(divergences.total - divergences.rows.length) }), PAGE.left, doc.y);
  }
}
