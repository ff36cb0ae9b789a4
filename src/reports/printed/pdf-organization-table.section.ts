import type { MessageKey } from '../../i18n/i18n.service';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { OrganizationStatusCounts } from './progress-report.data';
import { FONT } from './pdf-fonts';
import { ensureSpace, heading, PAGE } from './pdf-layout';
import { INK, MUTED, RULE } from './pdf-theme';
import { ReportLanguage } from './report-language';

const NAME_WIDTH = 185;

/** The scorecard's figures, right-aligned after the name. */
const COLUMNS: { label: MessageKey; value: (row: OrganizationStatusCounts, l: ReportLanguage) => string; zero: (row: OrganizationStatusCounts) => boolean }[] = [
  { label: 'report.organizations.total', value: (r) => String(r.total), zero: (r) => r.total === 0 },
  { label: 'report.organizations.implemented', value: (r) => String(r.counts[RecommendationStatus.IMPLEMENTED]), zero: (r) => r.counts[RecommendationStatus.IMPLEMENTED] === 0 },
  { label: 'report.organizations.rate', value: (r, l) => (r.implementationRate === null ? '–' : l.percent(r.implementationRate)), zero: () => false },
  { label: 'report.organizations.inProgress', value: (r) => String(r.counts[RecommendationStatus.IN_PROGRESS]), zero: (r) => r.counts[RecommendationStatus.IN_PROGRESS] === 0 },
  { label: 'report.organizations.stalled', value: (r) => String(r.counts[RecommendationStatus.STALLED]), zero: (r) => r.counts[RecommendationStatus.STALLED] === 0 },
  { label: 'report.organizations.overdue', value: (r) => String(r.overdue), zero: (r) => r.overdue === 0 },
];
const COLUMN_WIDTH = (PAGE.width - NAME_WIDTH) / COLUMNS.length;

function headerRow(doc: PDFKit.PDFDocument, l: ReportLanguage): void {
  const top = doc.y;
  doc.font(FONT.bold).fontSize(7).fillColor(INK);
  doc.text(l.t('report.organizations.name'), PAGE.left, top, { width: NAME_WIDTH - 4 });
  // Right-aligned like the figures, but at least 6 pt from the header before: a long word (Просрочено) wraps rather than touches it.
  COLUMNS.forEach((c, i) => doc.text(l.t(c.label), PAGE.left + NAME_WIDTH + i * COLUMN_WIDTH + 4, top, { width: COLUMN_WIDTH - 6, align: 'right' }));
  const bottom = top + 22;
  doc.moveTo(PAGE.left, bottom).lineTo(PAGE.left + PAGE.width, bottom).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y = bottom + 4;
}

/**
 * The organisations' scorecard (as of the report's date), worst first: lowest
 * implementation rate, then most overdue, then most stalled. A new page repeats
 * the header row, and every row sets its own font after the page break, so rows
 * keep the body style on every page.
 */
/** At most this many organisations are listed (the weakest); the report says how many more there are. */
export const ORGANIZATIONS_LISTED = 40;

export function drawOrganizationTable(doc: PDFKit.PDFDocument, all: readonly OrganizationStatusCounts[], l: ReportLanguage): void {
  const rows = all.slice(0, ORGANIZATIONS_LISTED);
  heading(doc, l.t('report.organizations.heading'), 80);
  if (rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).fillColor(MUTED).text(l.t('report.organizations.none'), PAGE.left, doc.y);
    return;
  }
  headerRow(doc, l);
  for (const row of rows) {
    const name = row.organization ?? l.t('report.organizations.noOrganization');
    const height = Math.max(12, doc.font(FONT.regular).fontSize(8.5).heightOfString(name, { width: NAME_WIDTH - 4 })) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      headerRow(doc, l);
    }
    const top = doc.y;
    doc.font(FONT.regular).fontSize(8.5).fillColor(row.organization ? INK : MUTED).text(name, PAGE.left, top, { width: NAME_WIDTH - 4 });
    COLUMNS.forEach((c, i) => {
      doc
        .font(i === 2 ? FONT.bold : FONT.regular)
        .fontSize(8.5)
        .fillColor(c.zero(row) ? RULE : INK)
        .text(c.value(row, l), PAGE.left + NAME_WIDTH + i * COLUMN_WIDTH, top, { width: COLUMN_WIDTH - 2, align: 'right' });
    });
    const bottom = top + height;
    doc.moveTo(PAGE.left, bottom - 2).lineTo(PAGE.left + PAGE.width, bottom - 2).lineWidth(0.3).strokeColor(RULE).stroke();
    doc.y = bottom;
  }
  ensureSpace(doc, 24);
  doc.moveDown(0.3);
  const more = all.length - rows.length;
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(
      (more > 0 ? l.t('report.organizations.more', { count: more }) : '') + l.t('report.organizations.caption'),
      PAGE.left,
      doc.y,
      { width: PAGE.width },
    );
}
