import type { ComposedMail } from '../notifications/notification-mail';
import type { Translator } from '../i18n/i18n.service';
import { PublicEventType } from '../public-events/public-event';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

interface MailLink {
  href: string;
  label: string;
}

/** One paragraph, its link, and (for followers) the footer's why and way out: the shape of every follow mail. */
function mailDocument(translator: Translator, subject: string, paragraph: string, link: MailLink, footer: { why: string; out: MailLink } | null): string {
  return `<!doctype html>
<html lang="${translator.locale}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c;">
<p>${escapeHtml(paragraph)}</p>
<p><a href="${escapeHtml(link.href)}" style="color: #1d70b8;">${escapeHtml(link.label)}</a></p>
${
    footer
      ? `<hr style="border: 0; border-top: 1px solid #b1b4b6;">
<p style="font-size: 14px; color: #505a5f;">${escapeHtml(footer.why)}<br>
<a href="${escapeHtml(footer.out.href)}" style="color: #505a5f;">${escapeHtml(footer.out.label)}</a></p>
`
      : ''
  }</body>
</html>
`;
}

/**
 * The double opt-in mail: who asked (probably the reader), for what, the link to the confirmation
 * page (a page with a button: a mail scanner's prefetch of the link confirms nothing), and what
 * happens if it was not them.
 */
export function composeConfirmationMail(translator: Translator, input: { record: string; confirmUrl: string; days: number }): ComposedMail {
  const { t } = translator;
  const subject = t('follow.mail.confirm.subject', { record: input.record });
  const body = t('follow.mail.confirm.body', { record: input.record, days: input.days });
  const label = t('follow.mail.confirm.link');
  const text = [body, '', `${label}: ${input.confirmUrl}`, ''].join('\n');
  return { subject, text, html: mailDocument(translator, subject, body, { href: input.confirmUrl, label }, null) };
}

/** What an event says to a follower; only what the public pages show. */
export interface FollowedChange {
  type: PublicEventType;
  code: string;
  /** A recommendation's new status (a transition). */
  status?: string | null;
  /** An approved value and its period. */
  value?: number | null;
  period?: string | null;
}

/** The sentence of a change in the follower's language. */
export function changeSentence(translator: Translator, change: FollowedChange): string {
  const { t } = translator;
  switch (change.type) {
    case PublicEventType.RECOMMENDATION_TRANSITIONED:
      return t('follow.mail.event.transitioned', { code: change.code, status: change.status ? t(`status.${change.status}` as Parameters<Translator['t']>[0]) : '' });
    case PublicEventType.INDICATOR_VALUE_APPROVED:
      return t('follow.mail.event.valueApproved', {
        code: change.code,
        period: change.period ?? '',
        value: change.value === null || change.value === undefined ? '—' : translator.number(change.value),
      });
    case PublicEventType.ASSESSMENT_PUBLISHED:
      return t('follow.mail.event.assessmentPublished', { code: change.code });
    case PublicEventType.INDICATOR_VALUE_SUBMITTED:
      // Followers hear of a value once it is approved and public (FOLLOWED_EVENT_TYPES), never of a submission.
      throw new Error('a submitted value is not mailed to followers');
  }
}

/**
 * A change as a follower's mail: the sentence as subject and first line, a link to the public page,
 * why the mail came (the followed record) and the visible unsubscribe link (also in List-Unsubscribe).
 */
export function composeChangeMail(translator: Translator, input: { change: FollowedChange; record: string; openUrl: string; unsubscribeUrl: string }): ComposedMail {
  const { t } = translator;
  const sentence = changeSentence(translator, input.change);
  const why = t('follow.mail.why', { record: input.record });
  const out = { href: input.unsubscribeUrl, label: t('follow.mail.unsubscribe') };
  const open = { href: input.openUrl, label: t('follow.mail.open') };
  const text = [sentence, '', `${open.label}: ${open.href}`, '', '-- ', why, `${out.label}: ${out.href}`, ''].join('\n');
  return { subject: sentence, text, html: mailDocument(translator, sentence, sentence, open, { why, out }) };
}
