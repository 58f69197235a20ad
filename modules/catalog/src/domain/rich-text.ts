/**
 * A small allow-list sanitiser for product descriptions. Suppliers paste HTML from editors; shoppers'
 * browsers render it, so only plain formatting survives: allowed tags with allowed attributes, links
 * and images only to http(s) (or relative) URLs. Scripts, styles, frames and forms vanish with their
 * content; event handlers and style attributes are never allowed; unknown tags are dropped but their
 * text kept. Output tags are balanced, so a stray `<a>` cannot swallow the rest of the page.
 */
const ALLOWED_TAGS: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], hr: [], div: [], span: [], strong: [], b: [], em: [], i: [], u: [], s: [], sub: [], sup: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], blockquote: [], pre: [], code: [],
  ul: [], ol: [], li: [], dl: [], dt: [], dd: [],
  table: [], thead: [], tbody: [], tfoot: [], tr: [], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'], caption: [],
  figure: [], figcaption: [],
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
};
const VOID_TAGS = new Set(['br', 'hr', 'img']);
/** Elements whose content is code or chrome, not text: dropped whole. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'title', 'head', 'xmp', 'noembed', 'noframes']);
const URL_ATTRIBUTES = new Set(['href', 'src']);
const NUMBER_ATTRIBUTES = new Set(['width', 'height', 'colspan', 'rowspan']);

const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>$/;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', tab: '\t', newline: '\n',
  copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–', middot: '·', times: '×', yen: '¥', deg: '°',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** http(s), mailto and relative URLs pass; `javascript:`, `data:`, `vbscript:` and any other scheme do not. */
export function isSafeUrl(raw: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`), so we do too.
  const url = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url);
  if (!scheme) return !url.startsWith('\\');
  return scheme[1] === 'http' || scheme[1] === 'https' || scheme[1] === 'mailto';
}

function renderAttributes(tag: string, source: string): string {
  const allowed = ALLOWED_TAGS[tag]!;
  let out = '';
  const seen = new Set<string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!allowed.includes(name) || seen.has(name)) continue;
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
    if (URL_ATTRIBUTES.has(name) && !isSafeUrl(value)) continue;
    if (NUMBER_ATTRIBUTES.has(name) && !/^\d{1,4}%?$/.test(value.trim())) continue;
    seen.add(name);
    out += ` ${name}="${escapeAttribute(value.trim())}"`;
  }
  if (tag === 'a' && seen.has('href')) out += ' rel="nofollow noopener noreferrer"';
  return out;
}

export function sanitizeRichText(html: string): string {
  let out = '';
  const open: string[] = [];
  let index = 0;
  while (index < html.length) {
    const lt = html.indexOf('<', index);
    if (lt === -1) {
      out += escapeText(decodeEntities(html.slice(index)));
      break;
    }
    out += escapeText(decodeEntities(html.slice(index, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      index = end === -1 ? html.length : end + 3;
      continue;
    }
    if (/^<[!?]/.test(html.slice(lt, lt + 2))) {
      const end = html.indexOf('>', lt);
      index = end === -1 ? html.length : end + 1;
      continue;
    }
    // A tag runs to the next '>'; scanning no further keeps the sanitiser linear on hostile input.
    const gt = html.indexOf('>', lt);
    if (gt === -1) {
      out += escapeText(decodeEntities(html.slice(lt)));
      break;
    }
    const match = /^<\/?[A-Za-z]/.test(html.slice(lt, lt + 3)) ? TAG.exec(html.slice(lt, gt + 1)) : null;
    if (!match) {
      out += '&lt;';
      index = lt + 1;
      continue;
    }
    index = gt + 1;
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(tag)) {
      if (!closing) {
        const end = new RegExp(`</${tag}(?=[\\s/>])[^>]*>`, 'ig');
        end.lastIndex = index;
        index = end.exec(html) ? end.lastIndex : html.length;
      }
      continue;
    }
    if (!Object.hasOwn(ALLOWED_TAGS, tag)) continue;
    if (VOID_TAGS.has(tag)) {
      if (!closing) out += `<${tag}${renderAttributes(tag, match[3]!)}>`;
      continue;
    }
    if (!closing) {
      out += `<${tag}${renderAttributes(tag, match[3]!)}>`;
      open.push(tag);
    } else if (open.includes(tag)) {
      while (open.length > 0) {
        const top = open.pop()!;
        out += `</${top}>`;
        if (top === tag) break;
      }
    }
  }
  while (open.length > 0) out += `</${open.pop()}>`;
  return out;
}
