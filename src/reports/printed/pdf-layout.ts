import { FONT } from './pdf-fonts';
import { INK } from './pdf-theme';

/** The printable area of an A4 page with 50pt margins. */
export const PAGE = { left: 50, width: 495 } as const;

/** Starts a new page when fewer than `height` points are left on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A section heading, kept on the same page as the first `following` points of its content. */
export function heading(doc: PDFKit.PDFDocument, text: string, following = 60): void {
  ensureSpace(doc, 30 + following);
  doc.moveDown(0.8);
  doc.font(FONT.bold).fontSize(13).fillColor(INK).text(text, PAGE.left, doc.y, { width: PAGE.width });
  doc.moveDown(0.4);
}
