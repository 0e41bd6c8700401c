/**
 * IP addresses and CIDR blocks (semantics §2, §8). An address is its bytes as fixed-width hex, so
 * ranges compare as strings: 8 hex digits for IPv4, 32 for IPv6. What counts as an address follows
 * event-ruler's CIDR class: only text shaped like IPv4 (four dotted decimals) or IPv6 (hex and
 * colons) is ever parsed, and an IPv4-mapped IPv6 address is its IPv4 address.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export interface IpRange {
  /** Inclusive bounds, same width. */
  readonly low: string;
  readonly high: string;
}

export class CidrError extends Error {
  override name = 'CidrError';
}

export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

/** The address as hex, or undefined when the text is not an IP address literal. */
export function ipToHex(text: string): string | undefined {
  const bytes = ipBytes(text);
  return bytes && toHex(bytes);
}

function ipBytes(text: string): number[] | undefined {
  if (IPV4_SHAPE.test(text)) return ipv4(text);
  if (IPV6_SHAPE.test(text)) {
    const bytes = ipv6(text);
    if (bytes && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
    return bytes;
  }
  return undefined;
}

function ipv4(text: string): number[] | undefined {
  const parts = text.split('.').map(Number);
  return parts.every((part) => Number.isInteger(part) && part <= 255) ? parts : undefined;
}

function ipv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return all.flatMap((group) => {
    const n = parseInt(group, 16);
    return [n >> 8, n & 0xff];
  });
}

function toHex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/**
 * Parses `address/bits`. Host bits in the address are masked off (`220.160.154.255/24` covers
 * `220.160.154.0–255`). Messages are event-ruler's, which AWS returns.
 */
export function parseCidr(cidr: string): IpRange {
  const slashed = cidr.split('/');
  while (slashed.length > 0 && slashed[slashed.length - 1] === '') slashed.pop(); // Java's split drops trailing empties
  if (slashed.length !== 2) throw new CidrError("Malformed CIDR, one '/' required");
  const [address, bitsText] = slashed as [string, string];
  if (!/^[+-]?[0-9]+$/.test(bitsText) || Math.abs(Number(bitsText)) > 2 ** 31 - 1) {
    throw new CidrError('Malformed CIDR, mask bits must be an integer');
  }
  const bits = Number(bitsText);
  if (bits < 0) throw new CidrError('Malformed CIDR, mask bits must not be negative');
  if (!looksLikeIp(address)) throw new CidrError(`Nonstandard IP address: ${address}`);
  const bytes = ipBytes(address);
  if (!bytes) throw new CidrError(`Invalid IP address: ${address}`);
  if (bytes.length === 4 && bits > 31) throw new CidrError('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && bits > 127) throw new CidrError('IPv6 mask bits must be < 128');
  const low: number[] = [];
  const high: number[] = [];
  bytes.forEach((byte, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    low.push(byte & mask);
    high.push((byte & mask) | (~mask & 0xff));
  });
  return { low: toHex(low), high: toHex(high) };
}

export function inRange(hex: string, range: IpRange): boolean {
  return hex.length === range.low.length && hex >= range.low && hex <= range.high;
}
