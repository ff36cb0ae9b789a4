import { Controller, HttpCode, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config.service';
import { assertKnownParameters } from '../exports/dto/known-parameters';
import { ImportQuery } from './dto/import.query';
import { ImportSummary, publicImportSummary } from './import-summary';
import { ContentLocaleService } from '../i18n/content-locales';
import { IndicatorValuesImportService } from './indicator-values-import.service';

/** The part of multer's file object the import reads (held in memory, see ImportsModule). */
interface UploadedImport {
  buffer: Buffer;
}

@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: IndicatorValuesImportService,
    private readonly config: AppConfig,
    private readonly contentLocales: ContentLocaleService,
  ) {}

  /**
   * POST /imports/indicator-values, multipart/form-data with the CSV or XLSX in
   * the field `file`. The size limit (IMPORT_MAX_BYTES) is enforced by multer
   * while the upload arrives (see ImportsModule).
   */
  @Post('indicator-values')
  @HttpCode(200)
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @UseInterceptors(FileInterceptor('file'))
  async indicatorValues(
    @UploadedFile() upload: UploadedImport | undefined,
    @Query() query: ImportQuery,
    @Req() req: Request,
    @CurrentActor() actor: Actor,
  ): Promise<ImportSummary> {
    assertKnownParameters(ImportQuery, req.query);
    if (!upload) throw DomainError.badInput('file', 'send the CSV or XLSX file as the multipart/form-data field "file"');
    const file = await this.imports.readFile(upload.buffer, {
      maxRows: this.config.get('IMPORT_MAX_ROWS'),
      maxUnpackedBytes: this.config.get('IMPORT_MAX_UNPACKED_BYTES'),
    });
    // Sources and notes of rows without a locale cell are in the request's content language, as GraphQL writes take it.
    const { locale } = this.contentLocales.forRequest(req.headers['accept-language']);
    return publicImportSummary(await this.imports.importFile(file, { dryRun: query.dryRun ?? false, actor, locale, correctionReason: query.correctionReason }));
  }
}
