import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { Locale } from '../i18n/locales';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  ndjson: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
} as const;

export type DownloadFormat = keyof typeof CONTENT_TYPES;

const logger = new Logger('Download');

/**
 * Sends a file as it is produced. Everything that can be refused (parameters,
 * unknown ids) must be checked before calling this: once the first bytes are
 * out, a failure can no longer become a JSON error, so the connection is cut
 * instead and the client sees an incomplete download rather than a truncated
 * "success".
 */
export async function streamDownload(
  res: Response,
  format: DownloadFormat,
  fileName: string,
  language: Locale,
  write: (out: Response) => Promise<unknown>,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Content-Language', language);
  // Exports hold the whole database's text: not for shared caches.
  res.setHeader('Cache-Control', 'no-store');
  try {
    await write(res);
    if (!res.writableEnded) res.end();
  } catch (error) {
    if (!res.headersSent) {
      // Nothing sent yet: still an ordinary error answer (JSON, through the error filter).
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      res.removeHeader('Content-Language');
      throw error;
    }
    logger.error({ err: error }, `download ${fileName} failed after it started`);
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
