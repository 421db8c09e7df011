// What a browser drops before it reads a URL: tabs and newlines anywhere, control characters and spaces
// in front. A string is judged as the browser would read it, so `java\tscript:` is a scheme, not text.
const browserForm = (value: string) => value.replace(/[\t\n\r]/g, '').replace(/^[\p{Cc} ]+/u, '');

const ABSOLUTE = /^(?:https?:\/\/|blob:|data:|javascript:|vbscript:|file:)\S*$/i;
// A scheme right before its first character, as in `data:text/html,<b>hi there</b>`; `Note: …` is prose.
const SCHEME = /^[a-z][a-z\d+.-]*:\S/i;
// A path: no spaces, and a slash, a leading dot, `?` or `#`, or a file extension that starts with a letter.
const PATH = /^(?:[/\\.?#]\S*|\S*[/\\]\S*|[^\s/\\]+\.[a-z]\w{0,7}(?:[?#]\S*)?)$/i;

/** An absolute URL of a scheme that outputs carry (or that must be refused): a value alone says it is a link. */
export function isAbsoluteUrl(value: string): boolean {
  return ABSOLUTE.test(browserForm(value).trimEnd());
}

/**
 * Whether a string a schema calls a URI (`format: uri`) is written as one: any scheme, or a relative path.
 * `A cat on a mat` is text whatever the schema says, and never becomes a relative link.
 */
export function looksLikeUrl(value: string): boolean {
  const url = browserForm(value).trimEnd();
  return SCHEME.test(url) || PATH.test(url);
}
