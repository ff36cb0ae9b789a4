import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { RequestLocale } from '../common/graphql-context';
import type { GraphqlContext } from '../common/graphql-context';
import type { Locale } from '../i18n/locales';
import { FollowByEmailInput } from './dto/follow-by-email.input';
import type { FollowTarget } from './follow-target';
import { FollowsService } from './follows.service';

/** followByEmail: the public pages' "Follow by e-mail" form for API clients, with the same answer and limits. */
@Resolver()
export class FollowsResolver {
  constructor(private readonly follows: FollowsService) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Asks to follow a public record by e-mail; anyone may, without a token. Always true: whether a confirmation mail was sent (not yet following, within the limits ' +
      'per address and per IP) is not told, so the answer reveals nobody. BAD_USER_INPUT for an address that is not one; NOT_FOUND when mail is off (no SMTP) or the record does not exist.',
  })
  async followByEmail(
    @Args('input', { description: 'The address and the record to follow' }) input: FollowByEmailInput,
    @Context() context: GraphqlContext,
    @RequestLocale() locale: Locale,
  ): Promise<boolean> {
    const targets: FollowTarget[] = [
      ...(input.recommendationId ? [{ recommendationId: input.recommendationId }] : []),
      ...(input.indicatorId ? [{ indicatorId: input.indicatorId }] : []),
      ...(input.organizationId ? [{ organizationId: input.organizationId }] : []),
    ];
    if (targets.length !== 1) throw DomainError.badInput('input', 'name exactly one of recommendationId, indicatorId, organizationId', { reason: 'follow-record' });
    await this.follows.request({ email: input.email, target: targets[0], language: input.language ?? locale, clientIp: context.req.ip ?? '' });
    return true;
  }
}
