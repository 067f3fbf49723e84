// An attribute of an element of parse5's tree, read or written: for the code that reworks HTML
// and SVG trees at build time (diagrams, the single-file export).
import type { DefaultTreeAdapterMap } from 'parse5';

type Element = DefaultTreeAdapterMap['element'];

export function getAttr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** Sets the attribute, adding it when the element has none of that name. */
export function setAttr(element: Element, name: string, value: string): void {
  const existing = element.attrs.find((a) => a.name === name);
  if (existing) existing.value = value;
  else element.attrs.push({ name, value });
}
