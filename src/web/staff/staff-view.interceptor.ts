import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, mergeMap, Observable, of } from 'rxjs';
import { StaffPages, StaffRequest, StaffView } from './staff-pages.service';

/** Sends the StaffView a handler returns as its HTML document; any other result passes through (a redirect's target). */
@Injectable()
export class StaffViewInterceptor implements NestInterceptor {
  constructor(private readonly pages: StaffPages) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<StaffRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(mergeMap((result: unknown) => (result instanceof StaffView ? from(this.pages.document(req, res, result)) : of(result))));
  }
}
