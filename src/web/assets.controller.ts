import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import Negotiator from 'negotiator';
import { StylesheetEncoding, StylesheetService } from './layout/stylesheet.service';
import { Public } from '../auth/roles.decorator';

/** Serves the hashed stylesheet, compressed as the browser accepts, cached for a year. */
// Anonymous by design: these pages and files are for everyone (the AuthGuard lets @Public through).
@Public()
// A static file served from memory: not counted against the anonymous request budget.
@SkipThrottle()
@Controller('assets')
export class AssetsController {
  constructor(private readonly stylesheet: StylesheetService) {}

  @Get('app.:hash.css')
  async stylesheetFile(@Param('hash') hash: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Another hash is another build's stylesheet: a year-long cache must not keep this one under its name.
    if (hash !== this.stylesheet.hash) throw new NotFoundException(`No stylesheet app.${hash}.css`);
    const encoding = (new Negotiator(req).encoding(['br', 'gzip', 'identity']) ?? 'identity') as StylesheetEncoding;
    const body = await this.stylesheet.body(encoding);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('content-type', 'text/css; charset=utf-8');
    res.setHeader('vary', 'Accept-Encoding');
    if (encoding === 'br' || encoding === 'gzip') res.setHeader('content-encoding', encoding);
    res.setHeader('etag', `"${this.stylesheet.hash}-${encoding}"`);
    res.end(body);
  }
}
