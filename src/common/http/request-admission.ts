import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import { AppConfig } from '../../config/app-config.service';

/** A request that need not wait for a slot (see RequestAdmission.admit). */
export type AdmissionExemption = (req: IncomingMessage) => boolean;

/**
 * At most MAX_CONCURRENT_REQUESTS requests are worked on at once; the others wait, first come
 * first served, before any work is done for them.
 *
 * Why: the service has a core or two. Thirty-two requests worked on at once each take about
 * thirty-two times as long, so what each one allocates lives through the young generation's
 * collections and is copied into the old one, and the heap's memory goes to requests in
 * progress. Worked on a few at a time, the same load is answered faster with fewer copies, and a
 * smaller young generation suffices (docs/benchmarks.md, issue 28).
 *
 * A slot is taken once the body has been read (app.use order in configureApp), so a slow sender
 * holds none, and given back when the answer's headers go out (a streamed download holds none
 * while it streams) or when the connection closes. A request whose client leaves while it waits
 * is never worked on.
 */
@Injectable()
export class RequestAdmission {
  readonly limit: number;
  private working = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(config: AppConfig) {
    this.limit = config.get('MAX_CONCURRENT_REQUESTS');
  }

  /** Requests being worked on now. */
  get inProgress(): number {
    return this.working;
  }

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Express middleware: work on the request now or when a slot frees; `exempt` requests go straight on. */
  admit(exempt: AdmissionExemption) {
    return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
      if (exempt(req)) return next();
      if (this.working < this.limit) {
        this.working += 1;
        return this.workOn(res, next);
      }
      let left = false;
      const leave = () => {
        left = true;
        const index = this.waiting.indexOf(handOver);
        if (index >= 0) this.waiting.splice(index, 1);
      };
      // Called with a slot already counted for it (see release).
      const handOver = () => {
        res.off('close', leave);
        if (left) this.release();
        else this.workOn(res, next);
      };
      res.once('close', leave);
      this.waiting.push(handOver);
    };
  }

  private workOn(res: ServerResponse, next: () => void): void {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.release();
    };
    onHeaders(res, release);
    res.once('close', release);
    next();
  }

  /** A slot frees: it passes to the first waiting request (on the next turn, not inside this answer's writeHead), or is given up. */
  private release(): void {
    const waiting = this.waiting.shift();
    if (waiting) setImmediate(waiting);
    else this.working -= 1;
  }
}
