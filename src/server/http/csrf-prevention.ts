/**
 * CSRF prevention, as graphql-yoga's `useCSRFPrevention` and Apollo Server's `csrfPrevention`
 * decide it: a request is executed only if a browser could not have sent it cross-site without a
 * CORS preflight (which the CORS allow-list then decides). A POST with a content type other than
 * the three a form can send (`application/x-www-form-urlencoded`, `multipart/form-data`,
 * `text/plain`) is preflighted; so is any request carrying a custom header such as
 * `x-graphql-yoga-csrf`. GET requests pass: they never run a mutation (the pipeline answers 405).
 */
/** The content types a cross-site form (or a no-cors fetch) sends without a preflight. */
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/** The media type of a Content-Type value, lower case, without parameters (`application/json`). */
export function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return '';
  const end = contentType.indexOf(';');
  return (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase();
}

/**
 * Whether a request may run: it is a GET/HEAD, or a browser must have preflighted it (a content
 * type a form cannot send, or one of `requiredHeaders` set).
 */
export function passesCsrfCheck(
  method: string | undefined,
  contentType: string | undefined,
  header: (name: string) => string | undefined,
  requiredHeaders: readonly string[],
): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  const mediaType = mediaTypeOf(contentType);
  if (mediaType !== '' && !SIMPLE_CONTENT_TYPES.has(mediaType)) return true;
  return requiredHeaders.some((name) => (header(name) ?? '') !== '');
}

/** The code of a request refused by the CSRF check (answered with HTTP 403). */
export const CSRF_REFUSED = 'CSRF_PREVENTION_FAILED';

/** Why a request failed the CSRF check, and how to send it. */
export function csrfRefusalMessage(requiredHeaders: readonly string[]): string {
  return `This request has been blocked as a possible cross-site request forgery (CSRF): send it with Content-Type: application/json, or with one of the headers ${requiredHeaders.join(', ')}`;
}
