// The names the deck's syntax knows: what the checks compare against, and suggest from.
// Adding a container, marker class or attribute to the syntax means adding it here too.

/** `::: name` containers registered in markdown.ts, and the parameters each accepts. */
export const CONTAINERS: Record<string, readonly string[]> = {
  notes: [],
  replace: ['step'],
};

/** `{.class}` names that make or shape a build step (reveal.js's fragment effects). */
export const MARKER_CLASSES: readonly string[] = [
  'fragment',
  'fade-in',
  'fade-out',
  'fade-up',
  'fade-down',
  'fade-left',
  'fade-right',
  'fade-in-then-out',
  'fade-in-then-semi-out',
  'semi-fade-out',
  'current-visible',
  'grow',
  'shrink',
  'strike',
  'highlight-red',
  'highlight-green',
  'highlight-blue',
  'highlight-current-red',
  'highlight-current-green',
  'highlight-current-blue',
];

/**
 * Attribute names allowed in `{…}` (besides `data-*` and `aria-*`): the step marker, HTML's
 * harmless global attributes, and those Markdown itself puts on links, images and lists.
 */
export const ATTRIBUTES: readonly string[] = [
  'step',
  'id',
  'class',
  'lang',
  'dir',
  'title',
  'style',
  'role',
  'width',
  'height',
  'alt',
  'src',
  'href',
  'start',
  'target',
  'rel',
  'loading',
  'colspan',
  'rowspan',
];

const KNOWN_ATTRIBUTES = new Set(ATTRIBUTES);

export function isKnownAttribute(name: string): boolean {
  return KNOWN_ATTRIBUTES.has(name) || /^(data|aria)-[a-z0-9-]+$/.test(name);
}
