// The figure sanitizer: keeps only what svg-allowlist.ts names, so a figure is a picture and
// never a program. It works on parse5's tree (no DOM at build time); what it leaves out it says,
// one message per removal, for the figure plugin to report at the image.
import { html, type DefaultTreeAdapterMap } from 'parse5';
import { cssValueProblem } from '../safety/css.ts';
import { ANIMATABLE, ANIMATION_ELEMENTS, SVG_ATTRIBUTES, SVG_ELEMENTS } from './svg-allowlist.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Attribute = Element['attrs'][number];

/** The namespace declarations a figure may carry, each with its one value. */
const NAMESPACES = new Map([
  ['xmlns', html.NS.SVG as string],
  ['xmlns:xlink', html.NS.XLINK as string],
]);
/** A same-document reference: `#` and an id, nothing that a browser could read as another URL. */
const FRAGMENT = /^#[\p{L}\p{N}_.:-]+$/u;
/**
 * Removes from `svg` (in place) every element and attribute the allowlist does not name, and
 * every value that could load from elsewhere or run script; `leftOut` gets one message for each.
 */
export function sanitizeSvg(svg: Element, leftOut: (message: string) => void): void {
  visit(svg, leftOut);
}

function visit(element: Element, leftOut: (message: string) => void): boolean {
  const name = element.tagName;
  if (element.namespaceURI !== html.NS.SVG) {
    leftOut(`<${name}> (HTML or MathML inside the SVG) is not allowed in a figure (it was left out)`);
    return false;
  }
  if (!SVG_ELEMENTS.has(name.toLowerCase())) {
    leftOut(`<${name}> is not allowed in a figure (it was left out)`);
    return false;
  }
  if (ANIMATION_ELEMENTS.has(name.toLowerCase())) {
    const target = element.attrs.find((a) => attributeKey(a) === 'attributename')?.value;
    // (Compared as a browser might read it, and stricter: no prefix, any case, no spaces.)
    const targetName = target?.trim().toLowerCase().replace(/^[^:]*:/, '');
    if (targetName !== undefined && !ANIMATABLE.has(targetName)) {
      const why = /^(href|style|on)/.test(targetName)
        ? 'an animation may not change a link, a style or an event handler'
        : 'an animation may only change shapes, positions and colours';
      leftOut(`<${name} attributeName="${target}"> is not allowed in a figure: ${why} (it was left out)`);
      return false;
    }
  }
  element.attrs = element.attrs.filter((a) => {
    const problem = attributeProblem(a);
    if (problem) leftOut(`<${name} ${attributeKey(a)}> ${problem} (it was left out)`);
    return !problem;
  });
  element.childNodes = element.childNodes.filter((child) => !('tagName' in child) || visit(child, leftOut));
  return true;
}

/** Why an attribute may not stay, or undefined when it may. */
function attributeProblem(attribute: Attribute): string | undefined {
  const key = attributeKey(attribute);
  const kind = SVG_ATTRIBUTES.get(key);
  if (kind === undefined) {
    if (/^on[a-z]/.test(key)) return 'is not allowed in a figure: it runs code';
    if (key === 'style') return 'is not allowed in a figure: write presentation attributes (fill="…") instead';
    return 'is not an attribute a figure may use';
  }
  const value = attribute.value;
  if (kind === 'namespace') {
    return value === NAMESPACES.get(key) ? undefined : `must be "${NAMESPACES.get(key)}" in a figure`;
  }
  if (kind === 'fragment') {
    return FRAGMENT.test(value) ? undefined : 'is not allowed in a figure: a link may only point to a part of the same figure (#id)';
  }
  if (kind === 'css') {
    const problem = cssValueProblem(value);
    if (problem) return `is not allowed in a figure: ${problem}`;
  }
  return undefined;
}

/** An attribute's name as written: `xlink:href` (parse5 splits off a known prefix), in lower case. */
function attributeKey(attribute: Attribute): string {
  return (attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name).toLowerCase();
}

/**
 * What the file holds outside its <svg>, which never reaches the page: in an HTML page an HTML
 * tag (`<p>`, `<img>`) inside an SVG ends it, so what follows lands outside. Undefined when only
 * blanks and comments are outside.
 */
export function contentOutside(root: ParentNode, svg: Element): string | undefined {
  let found: string | undefined;
  const visit = (node: Node): void => {
    if (found || node === svg) return;
    if ('tagName' in node && !contains(node, svg)) {
      found = `<${node.tagName}>`;
      return;
    }
    if (node.nodeName === '#text' && 'value' in node && node.value.trim() !== '') {
      found = 'text';
      return;
    }
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  for (const child of root.childNodes) visit(child);
  return found && `the file has ${found} outside its <svg> element (in a page, an HTML tag inside an SVG ends it), which was left out`;
}

function contains(ancestor: Element, element: Element): boolean {
  for (let node: ParentNode | null = element.parentNode; node; node = 'parentNode' in node ? node.parentNode : null) {
    if (node === ancestor) return true;
  }
  return false;
}
