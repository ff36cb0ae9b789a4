import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import { DISPLAY_COOKIE, formatDisplayCookie, parseDisplayCookie } from './layout/page-context.service';
import { WebErrorFilter } from './layout/web-error.filter';
import { Public } from '../auth/roles.decorator';

export class DisplaySettingsQuery {
  @IsOptional()
  @IsIn(['large', 'standard'])
  text?: 'large' | 'standard';

  @IsOptional()
  @IsIn(['contrast', 'standard'])
  colours?: 'contrast' | 'standard';

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  return?: string;
}

/** Only a path on this site: `//host` and `/\host` would leave it (an open redirect). */
export function safeReturnPath(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/**
 * The "version for the visually impaired" switch: a link (no JavaScript, no form) that
 * remembers the choice in a cookie and returns to the page it came from.
 */
// Anonymous by design: these pages and files are for everyone (the AuthGuard lets @Public through).
@Public()
@Controller('display')
@UseFilters(WebErrorFilter)
export class DisplaySettingsController {
  @Get()
  change(@Query() query: DisplaySettingsQuery, @Req() req: Request, @Res() res: Response): void {
    const display = parseDisplayCookie(parseCookies(req.headers.cookie ?? '')[DISPLAY_COOKIE]);
    if (query.text) display.largeText = query.text === 'large';
    if (query.colours) display.highContrast = query.colours === 'contrast';
    res.cookie(DISPLAY_COOKIE, formatDisplayCookie(display), {
      maxAge: 365 * 24 * 60 * 60 * 1000,
      sameSite: 'lax',
      path: '/',
      httpOnly: true,
    });
    res.setHeader('cache-control', 'no-store');
    res.redirect(303, safeReturnPath(query.return));
  }
}
