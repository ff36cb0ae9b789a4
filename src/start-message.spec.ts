import { startMessage } from './start-message';

describe('startMessage', () => {
  it('names the public pages, the staff sign-in, the API and the first admin link file', () => {
    expect(
      startMessage({ baseUrl: 'http://localhost:3000', publicSite: true, firstAdminLinkFile: 'data/first-admin-link.txt', firstAdminEmail: 'admin@localhost' }),
    ).toEqual([
      'roundtable tracker is running at http://localhost:3000/',
      'public pages: http://localhost:3000/',
      'staff sign-in: http://localhost:3000/sign-in',
      'GraphQL API: http://localhost:3000/graphql',
      'first sign-in: open the one-time link in data/first-admin-link.txt to choose the password of admin@localhost',
    ]);
  });

  it('leaves out the public pages when they are off and the link file when there is none; uses the public address', () => {
    expect(startMessage({ baseUrl: 'https://tracker.example.kg/', publicSite: false, firstAdminLinkFile: null, firstAdminEmail: 'admin@localhost' })).toEqual([
      'roundtable tracker is running at https://tracker.example.kg/',
      'staff sign-in: https://tracker.example.kg/sign-in',
      'GraphQL API: https://tracker.example.kg/graphql',
    ]);
  });
});
