/**
 * Decides whether a POST comes from another site, from the browser's `Sec-Fetch-Site` and
 * `Origin` headers. A request without either header (an old browser, or a client that is not
 * a browser) passes here, because the form's CSRF token still guards it.
 *
 * @param headers request headers with lowercase names
 * @param baseUrl public base URL of the approval API, if configured
 */
export function isCrossSiteRequest(
  headers: Record<string, string | undefined>,
  baseUrl: string | undefined,
): boolean {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    return true;
  }

  const origin = headers.origin;
  if (origin === undefined) {
    return false;
  }
  return !allowedOrigins(headers, baseUrl).includes(origin.toLowerCase());
}

// The page posts to its own URL, so the only valid origin is the one the browser loaded it
// from: the configured public URL, or the host that this request was sent to.
function allowedOrigins(
  headers: Record<string, string | undefined>,
  baseUrl: string | undefined,
): string[] {
  const origins: string[] = [];

  if (baseUrl !== undefined) {
    try {
      origins.push(new URL(baseUrl).origin.toLowerCase());
    } catch {
      // An invalid base URL adds no origin, so only the request's own host is allowed.
    }
  }

  const host = headers.host?.toLowerCase();
  if (host !== undefined) {
    const forwardedProto = headers['x-forwarded-proto']?.split(',')[0].trim().toLowerCase();
    const schemes = forwardedProto ? [forwardedProto] : ['https', 'http'];
    origins.push(...schemes.map((scheme) => `${scheme}://${host}`));
  }
  return origins;
}
