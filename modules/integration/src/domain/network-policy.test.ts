import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateAddress } from './network-policy.ts';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
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
    '[::1]',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    'ff02::1',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2400:3200::1', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('is false for host names, which are checked when they resolve', () => {
    expect(isPrivateAddress('erp.example.com')).toBe(false);
  });
});

describe('checkWebhookUrl', () => {
  it('accepts public http(s) URLs', () => {
    expect(checkWebhookUrl('https://erp.example.com/hooks?x=1', false).ok).toBe(true);
    expect(checkWebhookUrl('http://203.0.114.9:8080/in', false).ok).toBe(true);
  });

  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'gopher://example.com', 'javascript:alert(1)', 'not a url', 'https://user:pass@example.com/'])('refuses %s as invalid', (url) => {
    expect(checkWebhookUrl(url, true)).toEqual({ ok: false, code: 'webhook_url_invalid' });
  });

  it.each(['http://127.0.0.1:8080/', 'http://localhost/', 'http://api.localhost/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/'])(
    'refuses %s without the private-network allowance, accepts it with',
    (url) => {
      expect(checkWebhookUrl(url, false)).toEqual({ ok: false, code: 'webhook_url_private' });
      expect(checkWebhookUrl(url, true).ok).toBe(true);
    },
  );
});
