// KaTeX's HTML, shortened so a fixture can be read: the part drawn (`.katex-html`) becomes its text,
// keeping the stepped parts (`fragment`) as elements; each MathML `<math>` becomes its TeX
// annotation. What the deck writes around them (wrappers, data-text, the states of a stepped
// formula, their fragment indices) stays as it is.
import { defaultTreeAdapter, parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];
type Parent = DefaultTreeAdapterMap['parentNode'];

const classOf = (node: Element) => node.attrs.find((a) => a.name === 'class')?.value ?? '';

export function abbreviateKatex(html: string): string {
  if (!html.includes('class="katex')) return html;
  const root = parseFragment(html);
  visit(root);
  return serialize(root);
}

function visit(parent: Parent): void {
  for (const child of [...parent.childNodes]) {
    if (!('tagName' in child)) continue;
    if (child.tagName === 'math') {
      const annotation = findText(child, (e) => e.tagName === 'annotation');
      child.childNodes = [];
      defaultTreeAdapter.insertText(child, annotation.trim());
      continue;
    }
    if (/(?:^|\s)katex-html(?:\s|$)/.test(classOf(child))) {
      const kept = drawn(child);
      child.childNodes = [];
      for (const node of kept) defaultTreeAdapter.appendChild(child, node);
      continue;
    }
    visit(child);
  }
}

/** The text of an element's subtree, its `fragment` elements kept (with their own text inside). */
function drawn(element: Element): Node[] {
  const out: Node[] = [];
  let text = '';
  const flush = () => {
    if (!text) return;
    const holder = defaultTreeAdapter.createElement('span', element.namespaceURI, []);
    defaultTreeAdapter.insertText(holder, text);
    out.push(...holder.childNodes);
    text = '';
  };
  const walk = (node: Node) => {
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value.replace(/\u200b/g, '');
    else if ('tagName' in node && /(?:^|\s)fragment(?:\s|$)/.test(classOf(node))) {
      flush();
      const copy = defaultTreeAdapter.createElement(node.tagName, node.namespaceURI, node.attrs.filter((a) => a.name !== 'style'));
      for (const inner of drawn(node)) defaultTreeAdapter.appendChild(copy, inner);
      out.push(copy);
    } else if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  for (const child of element.childNodes) walk(child);
  flush();
  return out;
}

function findText(node: Node, test: (e: Element) => boolean): string {
  if ('tagName' in node && test(node)) return textOf(node);
  if ('childNodes' in node) {
    for (const child of node.childNodes) {
      const found = findText(child, test);
      if (found) return found;
    }
  }
  return '';
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}
