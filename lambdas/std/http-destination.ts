import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The destinations that std.http rejects: link-local networks and the cloud
 * instance metadata addresses, whose credentials a workflow must never read.
 */
const blocked = new BlockList();
blocked.addSubnet('169.254.0.0', 16, 'ipv4'); // IPv4 link-local, with the EC2, ECS and GCP metadata at 169.254.169.254 and 169.254.170.2
blocked.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
blocked.addAddress('192.0.0.192', 'ipv4'); // Oracle Cloud metadata
blocked.addAddress('0.0.0.0', 'ipv4');
blocked.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local
blocked.addAddress('fd00:ec2::254', 'ipv6'); // EC2 metadata over IPv6
blocked.addAddress('fd00:ec2::23', 'ipv6'); // EC2 Time Sync and DNS over IPv6
blocked.addAddress('::', 'ipv6');

/** A request that std.http rejects before it connects. */
export class HttpDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpDestinationBlocked';
  }
}

/** Returns whether an IP address is link-local or a metadata address, IPv4-mapped IPv6 included. */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');

  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Checks the scheme and, for an IP literal, the address of a URL. Host names are checked when they resolve. */
export function checkUrl(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpDestinationError(`URL scheme '${url.protocol}' of ${url.origin} is not allowed: use http:// or https://.`);
  }

  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && isBlockedAddress(host)) {
    throw new HttpDestinationError(`Address ${host} is link-local or a cloud metadata address, which std.http does not call.`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Resolver = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: Resolver = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * Returns a `lookup` for http.request that resolves a host name and rejects
 * it when any of its addresses is blocked. The socket connects to the
 * address checked here, so a DNS answer that changes between a check and
 * the connection cannot bypass it.
 */
export function guardedLookup(resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, []);

      const bad = addresses.find((entry) => isBlockedAddress(entry.address));
      if (bad) {
        return callback(new HttpDestinationError(`Host '${hostname}' resolves to ${bad.address}, a link-local or cloud metadata address, which std.http does not call.`), []);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`Host '${hostname}' has no address.`), { code: 'ENOTFOUND' }), []);

      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
