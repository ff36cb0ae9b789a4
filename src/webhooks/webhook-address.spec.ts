import type { LookupAddress } from 'node:dns';
import { checkedLookup, refusedAddressReason } from './webhook-address';

describe('webhook destination addresses', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:0:192.168.0.1',
    '::127.0.0.1',
  ])('refuses %s', (address) => {
    expect(refusedAddressReason(address)).toEqual(expect.any(String));
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2001:4860:4860::8888'])('accepts %s', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });

  it('refuses what is not an address', () => {
    expect(refusedAddressReason('localhost')).toMatch(/not an IP address/);
  });

  describe('the agent lookup hook', () => {
    const lookup = (answers: LookupAddress[], allowPrivate = false, all = false) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        checkedLookup(async () => answers, allowPrivate)('hooks.example', { all }, (error, address) => resolve({ error, address })),
      );

    it('answers a public address', async () => {
      expect(await lookup([{ address: '93.184.215.14', family: 4 }])).toEqual({ error: null, address: '93.184.215.14' });
    });

    it('refuses when the name now resolves to loopback (DNS rebinding), even beside a public address', async () => {
      const { error } = await lookup([{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }], false, true);
      expect(error?.code).toBe('EADDRNOTALLOWED');
      expect(error?.message).toMatch(/127\.0\.0\.1/);
    });

    it('lets private addresses through when the setting allows them', async () => {
      expect(await lookup([{ address: '127.0.0.1', family: 4 }], true)).toEqual({ error: null, address: '127.0.0.1' });
    });
  });
});
