import { OPEN_SDG_ID, openSdgIdOf, openSdgMetadata, unMetadataUrl } from './open-sdg.export';

describe('Open SDG ids and metadata', () => {
  it('writes an SDG indicator code as Open SDG’s id, a series letter dropped', () => {
    expect(['5.5.1(a)', '5.5.1(b)', '5.5.2', '16.7.1', '5.a.1'].map(openSdgIdOf)).toEqual(['5-5-1', '5-5-1', '5-5-2', '16-7-1', '5-a-1']);
    expect(['5-5-1', '16-7-1', '5-a-1'].every((id) => OPEN_SDG_ID.test(id))).toBe(true);
    expect(['5.5.1', '5-5-1-b', '../5-5-1', '5-5', ''].some((id) => OPEN_SDG_ID.test(id))).toBe(false);
  });

  it('links the UN metadata of the indicator’s goal and target', () => {
    expect(unMetadataUrl('16.7.1')).toBe('https://unstats.un.org/sdgs/metadata/?Text=&Goal=16&Target=16.7');
  });

  it('quotes every text of the front matter, so that a colon, a quote or a line break in a name stays one scalar', () => {
    const text = openSdgMetadata({
      openSdgId: '5-5-1',
      number: '5.5.1',
      items: [{ code: '5.5.1(b)', title: 'Seats: "local"\ngovernment', seriesCode: 'SG_GEN_LOCGELS' }],
      indicators: [],
      asOf: '2026-01-31',
      valuesKnownBy: '2026-02-14',
      lang: 'en',
      fingerprint: 'abc',
      dataPath: '/exports/open-sdg/5-5-1.csv',
    });
    const front = text.split('\n---\n')[0].split('\n').slice(1);
    expect(front.every((line) => /^[a-z_0-9]+: ("([^"\\]|\\.)*"|true|false|line)$/.test(line))).toBe(true);
    expect(front).toContain('indicator_name: "5.5.1(b) Seats: \\"local\\"\\ngovernment"');
    expect(front).toContain('reporting_status: "notstarted"');
  });
});
