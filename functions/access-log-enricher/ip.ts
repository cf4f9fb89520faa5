/**
 * The caller's source IP as configured: kept, truncated to its network (/24 for IPv4, /48 for
 * IPv6) or dropped. A value that is not an IP address is dropped when truncating, since it cannot
 * be truncated and keeping it could keep the very address truncation was meant to hide.
 */
import type { IpAddressMode } from "../../contracts/functions/access-log-enricher";

export function applyIpAddressMode(ip: string | null, mode: IpAddressMode): string | null {
  if (ip === null || mode === "keep") return ip;
  if (mode === "drop") return null;
  return truncateIp(ip);
}

export function truncateIp(ip: string): string | null {
  return ip.includes(":") ? truncateIpv6(ip) : truncateIpv4(ip);
}

function truncateIpv4(ip: string): string | null {
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let prefix = "";
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return null;
      prefix += `${octet}.`;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return null;
    } else {
      return null;
    }
  }
  return dots === 3 && digits > 0 ? `${prefix}0` : null;
}

function isOctet(part: string): boolean {
  return /^\d{1,3}$/.test(part) && Number(part) <= 255;
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function truncateIpv6(ip: string): string | null {
  const hextets = expandIpv6(ip);
  if (hextets === null) return null;
  return `${hextets[0].toString(16)}:${hextets[1].toString(16)}:${hextets[2].toString(16)}::`;
}

/** The eight 16-bit groups of an IPv6 address (zone id ignored), or null if it is not one. */
function expandIpv6(ip: string): number[] | null {
  const zone = ip.indexOf("%");
  let address = zone === -1 ? ip : ip.slice(0, zone);
  const extra: number[] = [];
  const lastColon = address.lastIndexOf(":");
  if (address.includes(".", lastColon)) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) fills the last two groups.
    const v4 = address.slice(lastColon + 1).split(".");
    if (v4.length !== 4 || !v4.every(isOctet)) return null;
    const [a, b, c, d] = v4.map(Number);
    extra.push(a * 256 + b, c * 256 + d);
    const prefix = address.slice(0, lastColon + 1);
    address = prefix.endsWith("::") ? prefix : prefix.slice(0, -1);
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] === "" ? [] : halves[0].split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1].split(":") : [];
  if (!head.every((h) => HEXTET.test(h)) || !tail.every((h) => HEXTET.test(h))) return null;
  const present = head.length + tail.length + extra.length;
  if (halves.length === 1 ? present !== 8 : present > 7) return null;
  const zeros = Array<number>(8 - present).fill(0);
  return [...head.map((h) => parseInt(h, 16)), ...zeros, ...tail.map((h) => parseInt(h, 16)), ...extra];
}
