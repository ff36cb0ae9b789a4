import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { validateEnvironment } from '../config/environment';
import { Mailer } from './mailer';

describe('Mailer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('without SMTP_URL is off and says so once at start', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const mailer = new Mailer(new AppConfig(validateEnvironment({})));
    expect(mailer.enabled).toBe(false);
    mailer.onApplicationBootstrap();
    expect(log.mock.calls.map(([message]) => message)).toEqual(['SMTP_URL is not set: notifications stay in the application, no mail is sent']);
  });

  it('with SMTP_URL is on and says nothing', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const mailer = new Mailer(new AppConfig(validateEnvironment({ SMTP_URL: 'smtp://127.0.0.1:2525' })));
    expect(mailer.enabled).toBe(true);
    mailer.onApplicationBootstrap();
    mailer.onApplicationShutdown();
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    expect(() => validateEnvironment({ SMTP_URL: 'http://mail.example.kg' })).toThrow('SMTP_URL must be an smtp:// or smtps:// URL');
  });
});
