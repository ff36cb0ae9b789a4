import { passwordProblem } from './password-policy';

describe('passwordProblem (NIST SP 800-63B)', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('жашыл тоолордун арасында')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting code points', () => {
    expect(passwordProblem('short pass!')).toBe('tooShort');
    expect(passwordProblem('Ыссык-Көл 24')).toBeNull();
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblem('x'.repeat(64) + 'y'.repeat(65))).toBe('tooLong');
  });

  it('refuses passwords on the shipped list, whatever their case', () => {
    expect(passwordProblem('qwerty123456')).toBe('common');
    expect(passwordProblem('QWERTY123456')).toBe('common');
    expect(passwordProblem('passwordpassword')).toBe('common');
  });

  it('refuses repetitive and sequential values', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toBe('repetitive');
    expect(passwordProblem('zq1zq1zq1zq1zq1')).toBe('repetitive');
    expect(passwordProblem('abcdefghijklmn')).toBe('repetitive');
    expect(passwordProblem('345678901234')).toBe('repetitive');
  });

  it('refuses a password containing the email address name', () => {
    expect(passwordProblem('aibek.tursunov-2025', { email: 'Aibek.Tursunov@mlsp.gov.kg' })).toBe('containsEmail');
  });
});
