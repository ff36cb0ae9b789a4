import type { MessageKey, Translator } from '../i18n/i18n.service';
import type { Notification } from './notification.entity';
import { notificationMessage } from './notification-message';

/** The parts of a notification's mail (nodemailer adds the rest). */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 150;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The short name of a kind of notification ("values submitted for review"), for the unsubscribe page. */
export function kindName(t: Translator['t'], kind: string): string {
  return /^[A-Z_]+$/.test(kind) ? t(`notifications.kindName.${kind}` as MessageKey) : kind;
}

/** The footer's way out: the one-click unsubscribe link, or (escalations, digests) the mail settings on /account. */
function footerLink(t: Translator['t'], links: { unsubscribe: string | null; settings: string }): { label: string; href: string } {
  return links.unsubscribe ? { label: t('mail.unsubscribe'), href: links.unsubscribe } : { label: t('mail.settings'), href: links.settings };
}

/**
 * A notification as a mail in the recipient's language: the sentence of the page as subject and
 * first line, a link back to the page and the one-click unsubscribe link (for escalations, which
 * cannot be turned off, a link to the mail settings instead). Only what the notification's
 * sentence says (the recipient may see it), nothing from other records.
 */
export function composeNotificationMail(
  translator: Translator,
  notification: Pick<Notification, 'kind' | 'payload'> & { subjectType?: string },
  links: { open: string; unsubscribe: string | null; settings: string },
): ComposedMail {
  const { t } = translator;
  const message = notificationMessage(t, notification);
  const subject = message.length > SUBJECT_MAX ? `${message.slice(0, SUBJECT_MAX - 1)}…` : message;
  const out = footerLink(t, links);
  const text = [message, '', `${t('mail.openLink')}: ${links.open}`, '', '-- ', t('mail.why'), `${out.label}: ${out.href}`, ''].join('\n');
  const html = `<!doctype html>
<html lang="${translator.locale}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c;">
<p>${escapeHtml(message)}</p>
<p><a href="${escapeHtml(links.open)}" style="color: #1d70b8;">${escapeHtml(t('mail.openLink'))}</a></p>
<hr style="border: 0; border-top: 1px solid #b1b4b6;">
<p style="font-size: 14px; color: #505a5f;">${escapeHtml(t('mail.why'))}<br>
<a href="${escapeHtml(out.href)}" style="color: #505a5f;">${escapeHtml(out.label)}</a></p>
</body>
</html>
`;
  return { subject, text, html };
}

/** One line of a digest: the notification's sentence and where it leads (absolute). */
export interface DigestLine {
  notification: Pick<Notification, 'kind' | 'payload'> & { subjectType?: string };
  open: string;
}

/**
 * A digest as a mail in the person's language: how many notifications, each one's sentence with a
 * link to its page (at most the lines given; `total` says how many the digest lists in all), a link
 * to all notifications and one to the mail settings. Only the notifications' sentences.
 */
export function composeDigestMail(
  translator: Translator,
  digest: { cadence: 'DAILY' | 'WEEKLY'; total: number; lines: DigestLine[] },
  links: { all: string; settings: string },
): ComposedMail {
  const { t } = translator;
  const subject = t(digest.cadence === 'DAILY' ? 'mail.digest.subject.DAILY' : 'mail.digest.subject.WEEKLY', { count: digest.total });
  const lines = digest.lines.map((line) => ({ message: notificationMessage(t, line.notification), open: line.open }));
  const more = digest.total - lines.length;
  const text = [
    t('mail.digest.intro'),
    '',
    ...lines.flatMap((line) => [`- ${line.message}`, `  ${line.open}`]),
    ...(more > 0 ? ['', t('mail.digest.more', { count: more })] : []),
    '',
    `${t('mail.digest.openAll')}: ${links.all}`,
    '',
    '-- ',
    t('mail.why'),
    `${t('mail.settings')}: ${links.settings}`,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="${translator.locale}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c;">
<p>${escapeHtml(t('mail.digest.intro'))}</p>
<ul>
${lines.map((line) => `<li><a href="${escapeHtml(line.open)}" style="color: #1d70b8;">${escapeHtml(line.message)}</a></li>`).join('\n')}
</ul>
${more > 0 ? `<p>${escapeHtml(t('mail.digest.more', { count: more }))}</p>\n` : ''}<p><a href="${escapeHtml(links.all)}" style="color: #1d70b8;">${escapeHtml(t('mail.digest.openAll'))}</a></p>
<hr style="border: 0; border-top: 1px solid #b1b4b6;">
<p style="font-size: 14px; color: #505a5f;">${escapeHtml(t('mail.why'))}<br>
<a href="${escapeHtml(links.settings)}" style="color: #505a5f;">${escapeHtml(t('mail.settings'))}</a></p>
</body>
</html>
`;
  return { subject, text, html };
}

/** An invitation or password link as a mail in the person's language (no unsubscribe: it is not a notification). */
export function composeAccountLinkMail(
  translator: Translator,
  link: { name: string; url: string; until: Date; purpose: 'INVITATION' | 'PASSWORD_RESET' },
): ComposedMail {
  const { t } = translator;
  const invitation = link.purpose === 'INVITATION';
  const subject = t(invitation ? 'mail.invitation.subject' : 'mail.passwordReset.subject');
  const body = t(invitation ? 'mail.invitation.body' : 'mail.passwordReset.body', { name: link.name, until: translator.dateTime(link.until) });
  const text = [body, '', link.url, '', t('mail.accountLink.ignore'), ''].join('\n');
  const html = `<!doctype html>
<html lang="${translator.locale}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c;">
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(link.url)}" style="color: #1d70b8;">${escapeHtml(link.url)}</a></p>
<p style="font-size: 14px; color: #505a5f;">${escapeHtml(t('mail.accountLink.ignore'))}</p>
</body>
</html>
`;
  return { subject, text, html };
}
