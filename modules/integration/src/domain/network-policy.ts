import { isIPv4, isIPv6 } from 'node:net';

/**
 * Webhooks are requests the server makes to an address an administrator typed, so a URL must not
 * reach the server's own network (SSRF): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast and reserved ranges are refused unless the
 * deployment allows private networks (development and tests do, production does not by default).
 */
const PRIVATE_IPV4: readonly [number, number][] = [
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // TEST-NET-1
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // TEST-NET-2
  [0xcb007100, 24], // TEST-NET-3
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved and broadcast
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function isPrivateIpv4(address: string): boolean {
  const value = ipv4Number(address);
  return PRIVATE_IPV4.some(([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** The eight 16-bit groups of an IPv6 address (with `::` expanded and a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = ipv4Number(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...tailGroups];
  return groups.map((group) => parseInt(group || '0', 16));
}

function isPrivateIpv6(address: string): boolean {
  const groups = ipv6Groups(address);
  const [first] = groups as [number];
  const embeddedIpv4 = () => `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  const leadingZeros = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (leadingZeros(8)) return true; // ::
  if (leadingZeros(7) && groups[7] === 1) return true; // ::1
  if (leadingZeros(5) && groups[5] === 0xffff) return isPrivateIpv4(embeddedIpv4()); // IPv4-mapped
  if (leadingZeros(6)) return isPrivateIpv4(embeddedIpv4()); // IPv4-compatible (deprecated)
  if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) return isPrivateIpv4(embeddedIpv4()); // NAT64
  if ((first & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((first & 0xff00) === 0xff00) return true; // multicast
  if (first === 0x2001 && groups[1] === 0x0db8) return true; // documentation
  if (first === 0x0100 && groups.slice(1, 4).every((group) => group === 0)) return true; // discard 100::/64
  return false;
}

/** True for an IP address literal that a webhook may not reach without the private-network allowance. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return isPrivateIpv4(bare);
  if (isIPv6(bare)) return isPrivateIpv6(bare);
  return false;
}

export type UrlRefusal = 'webhook_url_invalid' | 'webhook_url_private';

/**
 * Checks a webhook URL before it is stored and before each request: http or https only, no user
 * name or password in it, and (without the allowance) no private address literal or localhost name.
 * Host names are checked again on every connection against the addresses they resolve to.
 */
export function checkWebhookUrl(text: string, allowPrivateNetworks: boolean): { ok: true; url: URL } | { ok: false; code: UrlRefusal } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, code: 'webhook_url_invalid' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) return { ok: false, code: 'webhook_url_invalid' };
  if (allowPrivateNetworks) return { ok: true, url };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) return { ok: false, code: 'webhook_url_private' };
  return { ok: true, url };
}
