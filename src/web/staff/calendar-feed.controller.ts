import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../auth/roles.decorator';
import { CalendarService } from '../../reminders/calendar.service';

/**
 * `/calendar/{secret}.ics`: a person's upcoming deadlines for their calendar program, which asks
 * without cookies. The secret (made and revoked on /account) is the only authority: an unknown or
 * revoked one is 404, and the answer is never cached by anyone in between.
 */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':file')
  @Public()
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const match = /^(.+)\.ics$/.exec(file);
    const body = match ? await this.calendar.feed(match[1]) : null;
    if (body === null) throw new NotFoundException();
    res.setHeader('content-type', 'text/calendar; charset=utf-8');
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-robots-tag', 'noindex');
    res.send(body);
  }
}
