import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config.service';
import { ImportDraftsService } from '../../imports/import-drafts.service';
import type { ImportSummary } from '../../imports/import-summary';
import { IndicatorValuesImportService } from '../../imports/indicator-values-import.service';
import { ImportFileLimits } from '../../imports/read-import-file';
import { ImportPage } from './import.views';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages, StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';

interface UploadedImport {
  buffer: Buffer;
  originalname: string;
}

/**
 * Import for staff: upload, see the dry run as a table, then confirm. The same
 * all-or-nothing service as POST /imports/indicator-values; the confirmation
 * imports exactly the file that was checked (kept as a draft).
 */
@Controller('work/import')
@UseFilters(StaffErrorFilter)
export class ImportPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly imports: IndicatorValuesImportService,
    private readonly drafts: ImportDraftsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @UseInterceptors(StaffViewInterceptor)
  form(@Query('done') done?: string): StaffView {
    const count = /^\d{1,7}$/.test(done ?? '') ? Number(done) : null;
    return new StaffView((ctx, stylesheetHref) =>
      ImportPage({ ctx, stylesheetHref, errors: {}, result: null, success: count === null ? null : ctx.t('staff.import.done', { count }) }),
    );
  }

  @Post()
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @UseInterceptors(FileInterceptor('file'))
  async check(@UploadedFile() upload: UploadedImport | undefined, @Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    if (!upload || upload.buffer.length === 0) {
      await this.renderProblem(req, res, 'staff.import.error.noFile');
      return;
    }
    let summary: ImportSummary;
    try {
      const file = await this.imports.readFile(upload.buffer, this.importLimits());
      summary = await this.imports.importFile(file, { dryRun: true, actor, locale: this.pages.context(req, res).locale });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT) {
        await this.renderProblem(req, res, 'staff.import.error.unreadable', error.message);
        return;
      }
      throw error;
    }
    const draftId = summary.errors.length === 0 && actor.userId ? await this.drafts.save(actor.userId, upload.originalname, upload.buffer) : null;
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => ImportPage({ ctx, stylesheetHref, errors: {}, success: null, result: { summary, draftId, fileName: upload.originalname } }),
      summary.errors.length ? 400 : 200,
    );
  }

  @Post(':draftId/confirm')
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  async confirm(@Param('draftId') draftId: string, @Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const draft = actor.userId ? await this.drafts.find(draftId, actor.userId) : null;
    if (!draft) throw new DomainError(ErrorCode.NOT_FOUND, 'this import has expired; upload the file again');
    const file = await this.imports.readFile(draft.content, this.importLimits());
    const summary = await this.imports.importFile(file, { dryRun: false, actor, locale: this.pages.context(req, res).locale });
    await this.drafts.delete(draft.id);
    if (summary.errors.length) {
      // The data changed since the dry run (another person's write): nothing was imported; say why.
      await this.pages.render(req, res, (ctx, stylesheetHref) => ImportPage({ ctx, stylesheetHref, errors: {}, success: null, result: { summary, draftId: null, fileName: draft.fileName } }), 409);
      return;
    }
    res.redirect(303, `/work/import?done=${summary.imported + summary.updated}`);
  }

  private async renderProblem(req: StaffRequest, res: Response, key: 'staff.import.error.noFile' | 'staff.import.error.unreadable', detail?: string): Promise<void> {
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const text = key === 'staff.import.error.unreadable' ? ctx.t(key, { detail: (detail ?? '').replace(/^file: /, '') }) : ctx.t(key);
        return ImportPage({ ctx, stylesheetHref, errors: { file: text }, success: null, result: null });
      },
      400,
    );
  }

  private importLimits(): ImportFileLimits {
    return { maxRows: this.config.get('IMPORT_MAX_ROWS'), maxUnpackedBytes: this.config.get('IMPORT_MAX_UNPACKED_BYTES') };
  }
}
