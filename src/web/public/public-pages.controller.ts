import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../auth/roles.decorator';
import { DataVersionService } from '../../data-version/data-version.service';
import { FollowsService } from '../../follows/follows.service';
import type { WebRequest } from '../layout/page-context';
import { PageResponder } from '../layout/page-responder.service';
import { WebErrorFilter } from '../layout/web-error.filter';
import { atomFeed } from './atom-feed';
import { FrameworkItemPage } from './framework-item.page';
import { HomePage } from './home.page';
import { IndicatorChoicePage, IndicatorPage } from './indicator.page';
import { MeetingListPage, MeetingPage } from './meetings.page';
import { OrganisationPage } from './organisation.page';
import { HomeQuery, IndicatorQuery, PageQuery, RecommendationListQuery } from './public-pages.query';
import { PublicPagesService } from './public-pages.service';
import { PublicSiteGuard } from './public-site.guard';
import { RecommendationListPage, RecommendationListFilters, RecommendationPage } from './recommendations.page';

const ATOM = 'application/atom+xml; charset=utf-8';

/** The public progress pages and feeds: anonymous, read-only, cacheable. Thin: query in, service, page out. */
@Public()
@Controller()
@UseGuards(PublicSiteGuard)
@UseFilters(WebErrorFilter)
export class PublicPagesController {
  constructor(
    private readonly pages: PageResponder,
    private readonly data: PublicPagesService,
    private readonly versions: DataVersionService,
    private readonly follows: FollowsService,
  ) {}

  @Get()
  home(@Query() query: HomeQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) =>
      HomePage({ ctx, stylesheetHref, data: await this.data.home(query.year) }),
    );
  }

  @Get('recommendations')
  recommendations(@Query() query: RecommendationListQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const filters: RecommendationListFilters = {
      status: query.status ?? [],
      organisation: query.organisation,
      meeting: query.meeting,
      barrier: query.barrier,
      framework: query.framework,
      overdue: query.overdue === 'true',
      divergent: query.divergent === 'true',
      q: query.q,
    };
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) => {
      const data = await this.data.recommendationList(
        {
          status: filters.status.length ? filters.status : null,
          responsibleOrganizationId: filters.organisation ?? null,
          meetingId: filters.meeting ?? null,
          barrierId: filters.barrier ?? null,
          frameworkItem: filters.framework ?? null,
          overdue: filters.overdue ? true : null,
          divergent: filters.divergent ? true : null,
          search: filters.q ?? null,
        },
        query.after,
      );
      return RecommendationListPage({ ctx, stylesheetHref, data, filters, isFirstPage: !query.after });
    });
  }

  @Get('recommendations/:code')
  recommendation(@Param('code') code: string, @Query() _query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) =>
      RecommendationPage({ ctx, stylesheetHref, data: await this.data.recommendation(code), followable: this.follows.enabled }),
    );
  }

  @Get('meetings')
  meetings(@Query() query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) =>
      MeetingListPage({ ctx, stylesheetHref, data: await this.data.meetingList(query.after), isFirstPage: !query.after }),
    );
  }

  @Get('meetings/:id')
  meeting(@Param('id') id: string, @Query() _query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) => MeetingPage({ ctx, stylesheetHref, data: await this.data.meeting(id) }));
  }

  @Get('indicators/:code')
  indicator(@Param('code') code: string, @Query() query: IndicatorQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) => {
      const found = await this.data.indicator(code, query.plan);
      return found.kind === 'one'
        ? IndicatorPage({ ctx, stylesheetHref, data: found.data, followable: this.follows.enabled })
        : IndicatorChoicePage({ ctx, stylesheetHref, code: found.code, plans: found.plans });
    });
  }

  @Get('frameworks/:framework/:code')
  frameworkItem(
    @Param('framework') framework: string,
    @Param('code') code: string,
    @Query() _query: PageQuery,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) =>
      FrameworkItemPage({ ctx, stylesheetHref, data: await this.data.frameworkItem(framework, code) }),
    );
  }

  @Get('organisations/:id')
  organisation(@Param('id') id: string, @Query() _query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.publicPage(req, res, async (ctx, stylesheetHref) => OrganisationPage({ ctx, stylesheetHref, data: await this.data.organisation(id, ctx.locale), followable: this.follows.enabled }));
  }

  @Get('changes.atom')
  feed(@Query() _query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.sendFeed(req, res, {});
  }

  @Get('organisations/:id/changes.atom')
  organisationFeed(@Param('id') id: string, @Query() _query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.sendFeed(req, res, { organisationId: id });
  }

  @Get('recommendations/:code/changes.atom')
  recommendationFeed(@Param('code') code: string, @Query() _query: PageQuery, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.sendFeed(req, res, { recommendationCode: code });
  }

  private sendFeed(req: WebRequest, res: Response, scope: { organisationId?: string; recommendationCode?: string }): Promise<void> {
    return this.pages.publicResource(req, res, ATOM, async (ctx) => {
      const [{ entries, name, path }, version] = await Promise.all([this.data.feed(scope), this.versions.current()]);
      return atomFeed({
        i18n: ctx.i18n,
        plain: ctx.text.plain,
        fallbackLocale: ctx.text.fallbackLocale,
        origin: ctx.origin,
        path,
        title: name ? ctx.t('feed.titleFor', { name: name.map((part) => (typeof part === 'string' ? part : ctx.text.plain(part))).join(' ') }) : `${ctx.t('feed.title')} — ${ctx.t('site.name')}`,
        entries,
        updated: entries[0]?.at ?? version.changedAt,
      });
    });
  }
}
