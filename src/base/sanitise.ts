/**
 * HTML from the record server (a FHIR narrative, an HTML letter) made safe to place in an element's
 * shadow root, with DOMPurify and a strict allow-list:
 *
 * - only document markup: text, headings, lists, tables, emphasis, links and images, no classes,
 *   ids, roles or ARIA (nothing can match the element's styles, take over its labels or pretend to
 *   be one of its controls);
 * - nothing that runs code: no script, no event handler attribute, no `javascript:` or other
 *   non-web link, no form, frame, object, embed, SVG or MathML;
 * - nothing loaded from anywhere: no `<link>`, `<base>`, `<meta>`, `<style>`; an image only from a
 *   `data:` URL of a raster type (PNG, JPEG, GIF, WebP, BMP), any other image replaced by its
 *   alternative text; `style` attributes keep only layout and emphasis properties (alignment,
 *   weight, padding, borders, width), never a `url()`, colours, sizes or positions that could
 *   hide text or lay it over the element;
 * - links open in a new tab with no opener and no referrer;
 * - text as written: the bidi controls and invisible characters `plainText` removes from every
 *   server string are removed from every text node and attribute too;
 * - headings sit below the heading of the viewer (`headingLevel`), so the page's outline holds.
 *
 * It returns DOM nodes (never a string parsed again, which could mutate into something else) and
 * how many things that could run code or load from elsewhere were removed, so the element can say so.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { msg } from '@lit/localize';
import { plainText } from '../format/text.js';

export interface SanitisedHtml {
  fragment: DocumentFragment;
  /** Scripts, event handlers, unsafe links, external loads and active elements removed. */
  removed: number;
}

const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center',
  'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption',
  'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
]; // prettier-ignore
const ALLOWED_ATTR = [
  'abbr', 'align', 'alt', 'border', 'cellpadding', 'cellspacing', 'colspan', 'datetime', 'dir', 'headers',
  'height', 'href', 'lang', 'reversed', 'rowspan', 'scope', 'span', 'src', 'start', 'style', 'title', 'type',
  'valign', 'value', 'width',
]; // prettier-ignore

/** Elements whose removal means the document tried to run code, load, embed or submit something. */
const ACTIVE = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select',
  'textarea', 'link', 'meta', 'base', 'style', 'svg', 'math', 'audio', 'video', 'source', 'track', 'picture',
  'template', 'noscript', 'portal', 'dialog', 'slot',
]); // prettier-ignore

/** `style` properties kept (as the browser expands them): layout and emphasis, never colour, size or position. */
const STYLE_PROPERTIES = new Set([
  'text-align', 'font-weight', 'font-style', 'text-decoration-line', 'text-decoration-style', 'vertical-align',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-collapse', 'width', 'list-style-type',
  ...['top', 'right', 'bottom', 'left'].flatMap((side) =>
    ['width', 'style', 'color'].map((part) => `border-${side}-${part}`),
  ),
]); // prettier-ignore
/** What may load something or escape the value, in a property value. */
const UNSAFE_CSS = /url\s*\(|image-set|image\s*\(|expression|var\s*\(|attr\s*\(|@import|\\/i;
const SAFE_IMAGE = /^data:image\/(png|jpeg|gif|webp|bmp);base64,[a-z0-9+/=\s]*$/i;
const LINK = /^(https?:\/\/|mailto:|tel:)/i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SANITIZE_DOM: true,
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

/** Counts what one `sanitiseHtml` call removed (the hooks run synchronously inside it). */
let removed = 0;
let purifier: Purifier | undefined;

/** Only the declarations of `value` that are safe to keep, or '' when none are. */
function safeStyle(value: string): string {
  if (UNSAFE_CSS.test(value)) removed += 1;
  const probe = document.createElement('span');
  probe.setAttribute('style', value);
  const kept: string[] = [];
  for (let i = 0; i < probe.style.length; i += 1) {
    const property = probe.style.item(i);
    const declared = probe.style.getPropertyValue(property);
    if (STYLE_PROPERTIES.has(property) && !UNSAFE_CSS.test(declared)) kept.push(`${property}: ${declared}`);
  }
  return kept.join('; ');
}

/** A DOMPurify of our own (its hooks never touch a DOMPurify the host page uses), made on first use. */
function purify(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeElement', (_node, event) => {
    if (ACTIVE.has(event.tagName)) removed += 1;
  });
  instance.addHook('uponSanitizeAttribute', (element, event) => {
    const name = event.attrName;
    const value = event.attrValue.trim();
    let keep = true;
    if (name.startsWith('on')) keep = false;
    else if (name === 'href') keep = element.localName === 'a' && LINK.test(value);
    else if (name === 'src') keep = element.localName === 'img' && SAFE_IMAGE.test(value);
    else if (name === 'style') {
      event.attrValue = safeStyle(value);
      event.keepAttr = event.attrValue !== '';
      return;
    } else return;
    if (!keep) {
      removed += 1;
      event.keepAttr = false;
    }
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.localName === 'a' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifier = instance;
  return instance;
}

/**
 * What is left once the markup is safe: images without a safe source become their alternative
 * text, every image has one, headings move below `headingLevel`, text loses hidden characters.
 */
function finish(fragment: DocumentFragment, headingLevel: number): void {
  const owner = fragment.ownerDocument;
  for (const image of [...fragment.querySelectorAll('img')]) {
    const alt = plainText(image.getAttribute('alt') ?? '').trim();
    if (!image.hasAttribute('src')) image.replaceWith(alt ? owner.createTextNode(`[${alt}]`) : '');
    else if (!alt) image.setAttribute('alt', msg('Image in the document'));
  }
  for (const heading of [...fragment.querySelectorAll('h1, h2, h3, h4, h5, h6')]) {
    const level = Math.min(6, headingLevel + Number(heading.localName[1]));
    if (`h${level}` === heading.localName) continue;
    const moved = owner.createElement(`h${level}`);
    for (const attribute of [...heading.attributes]) moved.setAttribute(attribute.name, attribute.value);
    moved.append(...heading.childNodes);
    heading.replaceWith(moved);
  }
  const walker = owner.createTreeWalker(fragment, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const cleaned = plainText(node.nodeValue ?? '');
      if (cleaned !== node.nodeValue) node.nodeValue = cleaned;
    } else {
      for (const name of ['alt', 'title', 'abbr']) {
        const value = (node as Element).getAttribute(name);
        if (value !== null) (node as Element).setAttribute(name, plainText(value));
      }
    }
  }
}

/**
 * Sanitises `html` (a narrative `div`, a whole HTML document: only its body is kept) into nodes
 * for a shadow root. `headingLevel` is the level of the heading the content sits under.
 */
export function sanitiseHtml(
  html: string,
  { headingLevel = 2 }: { headingLevel?: number } = {},
): SanitisedHtml {
  removed = 0;
  const fragment = purify().sanitize(html, CONFIG) as unknown;
  // DOMPurify parses through its own Trusted Types policy; a page that does not allow it gets nothing.
  if (!(fragment instanceof DocumentFragment)) {
    throw new Error(
      'the HTML could not be made safe: the page must allow the Trusted Types policy "dompurify"',
    );
  }
  finish(fragment, headingLevel);
  const result = { fragment, removed };
  removed = 0;
  return result;
}
