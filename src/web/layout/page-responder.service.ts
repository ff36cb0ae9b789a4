import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import fresh from 'fresh';
import { DataVersionService } from '../../data-version/data-version.service';
import { renderDocument, SafeHtml } from '../jsx/html';
import { PageContext, WebRequest } from './page-context';
import { PageContextService } from './page-context.service';
import { SampleDataService } from './sample-data.service';
import { StylesheetService } from './stylesheet.service';
import { templateFingerprint } from './template-fingerprint';

/**
 * For a CDN or browser in front: reuse for 30 s, then serve the stale copy up to 5 min
 * while revalidating (a 304 costs the data-version check: no statement while it is held in memory).
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';

export type PageRender = (ctx: PageContext, stylesheetHref: string) => Promise<SafeHtml> | SafeHtml;

/** Answers page requests: context, caching headers, 304s, the HTML. */
@Injectable()
export class PageResponder {
  private readonly fingerprint = templateFingerprint();

  constructor(
    private readonly contexts: PageContextService,
    private readonly versions: DataVersionService,
    private readonly stylesheet: StylesheetService,
    private readonly sample: SampleDataService,
  ) {}

  /**
   * A public page. Its ETag and Last-Modified come from the data version (read before the
   * data, see DataVersionService), the language and the display settings; a request whose
   * copy is current gets 304 without the page being built.
   */
  async publicPage(req: WebRequest, res: Response, render: PageRender): Promise<void> {
    await this.publicResource(req, res, 'text/html; charset=utf-8', async (ctx) => renderDocument(await render(ctx, this.stylesheet.href)));
  }

  /** Any public representation (a page, a feed) under the same validators and cache rules. */
  async publicResource(req: WebRequest, res: Response, contentType: string, render: (ctx: PageContext) => Promise<string>): Promise<void> {
    const version = await this.versions.current();
    await this.sample.loaded();
    const ctx = this.contexts.contextFor(req, res);
    const variant = `${ctx.locale}${ctx.display.largeText ? 'L' : ''}${ctx.display.highContrast ? 'C' : ''}`;
    const etag = `W/"${version.version}-${variant}-${this.fingerprint}"`;
    const lastModified = version.changedAt.toUTCString();
    res.setHeader('cache-control', PUBLIC_PAGE_CACHE_CONTROL);
    // The language and the display settings may come from cookies or Accept-Language.
    res.setHeader('vary', 'Accept-Language, Cookie');
    res.setHeader('etag', etag);
    res.setHeader('last-modified', lastModified);
    if (fresh(req.headers, { etag, 'last-modified': lastModified })) {
      res.status(304).end();
      return;
    }
    const body = await render(ctx);
    res.setHeader('content-type', contentType);
    res.send(body);
  }

  /** A page that must not be stored by any cache (signed-in pages, errors). */
  async privatePage(req: WebRequest, res: Response, render: PageRender, status = 200): Promise<void> {
    const html = await this.privateDocument(req, res, render);
    res.status(status);
    res.send(html);
  }

  /**
   * The document of a page no cache may store, its headers set, for the caller to send (a
   * handler that returns its page: Nest sends the string with the route's status).
   */
  async privateDocument(req: WebRequest, res: Response, render: PageRender): Promise<string> {
    await this.sample.loaded();
    const ctx = this.contexts.contextFor(req, res);
    res.setHeader('cache-control', 'no-store');
    res.removeHeader('etag');
    res.removeHeader('last-modified');
    const page = await render(ctx, this.stylesheet.href);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return renderDocument(page);
  }
}
