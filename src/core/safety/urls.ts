// URLs in attributes, read as a browser reads them: the URL Standard drops ASCII tabs and
// newlines anywhere in a URL and C0 controls and spaces around it, so `java<TAB>script:` is
// `javascript:`. A URL attribute may have no scheme (a relative path, `#id`) or one of a few.

/** Attributes whose value a browser, or reveal.js, follows or loads as a URL. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href', 'src', 'srcset', 'poster', 'cite', 'action', 'formaction', 'background', 'ping', 'longdesc', 'data',
  'xlink:href', 'data-src', 'data-srcset', 'data-background', 'data-background-image', 'data-background-video',
  'data-background-iframe', 'data-preview-link', 'data-preview-image', 'data-preview-video',
]);

/** The schemes a URL attribute may use. */
const SAFE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);
/** Pictures that cannot run anything, as markdown-it allows them in images. */
const SAFE_DATA_URL = /^data:image\/(?:gif|png|jpeg|webp);/;

/** The value as a browser's URL parser sees it. */
export function normalizeUrl(value: string): string {
  return value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** The URL's scheme in lower case (`javascript`), or undefined for a relative URL. */
export function urlScheme(value: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(normalizeUrl(value))?.[1]?.toLowerCase();
}

/** True for a URL that runs code when followed, in any attribute. */
export function isScriptUrl(value: string): boolean {
  const scheme = urlScheme(value);
  return scheme === 'javascript' || scheme === 'vbscript' || (scheme === 'data' && /^data:\s*text\/html/i.test(normalizeUrl(value)));
}

/** True when a URL attribute's value may stay: relative, or a safe scheme (or a data: picture). */
export function isAllowedUrl(value: string): boolean {
  const scheme = urlScheme(value);
  return scheme === undefined || SAFE_SCHEMES.has(scheme) || SAFE_DATA_URL.test(normalizeUrl(value).toLowerCase());
}
