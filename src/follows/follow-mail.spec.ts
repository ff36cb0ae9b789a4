import { buildTranslator } from '../i18n/i18n.service';
import { PublicEventType } from '../public-events/public-event';
import { changeSentence, composeChangeMail, composeConfirmationMail } from './follow-mail';
import { normaliseAddress } from './follows.service';

describe('follow mails', () => {
  const links = { openUrl: 'https://tracker.example.kg/recommendations/R-1?lang=ky', unsubscribeUrl: 'https://tracker.example.kg/follow/unsubscribe/abc.def' };

  it('writes a transition in the follower language, with the page and the visible unsubscribe link in both bodies', () => {
    const ky = buildTranslator('ky', 'Asia/Bishkek');
    const mail = composeChangeMail(ky, { change: { type: PublicEventType.RECOMMENDATION_TRANSITIONED, code: 'R-1', status: 'ACCEPTED' }, record: 'R-1 сунушу', ...links });
    expect(mail.subject).toBe(`R-1 сунушунун азыркы абалы: ${ky.t('status.ACCEPTED')}`);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(links.openUrl);
      expect(body).toContain(links.unsubscribeUrl);
      expect(body).toContain(ky.t('follow.mail.unsubscribe'));
    }
    expect(mail.html).toContain('<html lang="ky">');
  });

  it('escapes what it puts into HTML and formats an approved value in the language', () => {
    const ru = buildTranslator('ru', 'Asia/Bishkek');
    const mail = composeChangeMail(ru, { change: { type: PublicEventType.INDICATOR_VALUE_APPROVED, code: '<b>1.2</b>', value: 1234.5, period: '2025-Q1' }, record: 'индикатора <b>1.2</b>', ...links });
    expect(mail.subject).toBe(`Индикатор <b>1.2</b>: опубликовано значение за 2025-Q1: ${ru.number(1234.5)}`);
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;b&gt;1.2&lt;/b&gt;');
  });

  it('says in each language that an independent assessment was published', () => {
    const change = { type: PublicEventType.ASSESSMENT_PUBLISHED, code: 'R-7' };
    expect(changeSentence(buildTranslator('en', 'UTC'), change)).toBe('An independent assessment of recommendation R-7 was published');
    expect(changeSentence(buildTranslator('ru', 'UTC'), change)).toBe('Опубликована независимая оценка рекомендации R-7');
    expect(changeSentence(buildTranslator('ky', 'UTC'), change)).toBe('R-7 сунушу боюнча көз карандысыз баа жарыяланды');
  });

  it('asks for confirmation with the link and the days the address is kept, and no unsubscribe footer', () => {
    const en = buildTranslator('en', 'UTC');
    const mail = composeConfirmationMail(en, { record: 'recommendation R-1', confirmUrl: 'https://tracker.example.kg/follow/confirm/x.y?lang=en', days: 7 });
    expect(mail.subject).toBe('Confirm: e-mails about changes to recommendation R-1');
    expect(mail.text).toContain('within 7 days');
    expect(mail.text).toContain('https://tracker.example.kg/follow/confirm/x.y?lang=en');
    expect(mail.html).not.toContain('<hr');
  });
});

describe('normaliseAddress', () => {
  it('trims and lower-cases the domain, keeping the local part as typed', () => {
    expect(normaliseAddress('  Aida.B@Mail.KG ')).toBe('Aida.B@mail.kg');
    expect(normaliseAddress('a@b@Example.ORG')).toBe('a@b@example.org');
  });
});
