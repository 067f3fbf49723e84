// Callouts, in GitHub's syntax: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`
// (markdown-it-github-alerts finds them), and in Quarto's: `::: {.callout-note}` … `:::` (or
// `::: callout-note`), its title a `## Title` first inside or `title="…"`. Both are the same box:
// a `role="note"` box in the theme's colours with an icon (hidden from screen readers) and its
// label as text, which they read: "Warning".
import MarkdownItClass from 'markdown-it';
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import alerts from 'markdown-it-github-alerts';
import { STEPS } from '../../phases.ts';
import { containerParams, declareSyntax, unquoted } from '../feature.ts';

export const CALLOUTS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
type Kind = (typeof CALLOUTS)[number];

export function calloutsPlugin(md: MarkdownIt): void {
  md.use(alerts, { classPrefix: 'callout' });
  // Its own renderer writes the title as raw HTML: here it is text, escaped.
  md.renderer.rules.alert_open = (tokens, idx) => {
    const { title, type, icon } = tokens[idx]!.meta as { title: string; type: string; icon: string };
    const kind = (CALLOUTS as readonly string[]).includes(type) ? (type as Kind) : 'note';
    return calloutOpen(md, kind, title, icon);
  };
  declareSyntax(md, {
    feature: 'callouts',
    containers: CALLOUTS.map((kind) => ({
      name: `callout-${kind}`,
      summary: `Quarto’s spelling of \`> [!${kind.toUpperCase()}]\`, the same box; a \`## Title\` first inside is its title`,
      params: { title: 'text' },
      attributeForm: true,
      render: (token: Token) => (token.nesting === 1 ? calloutOpen(md, kind, calloutTitle(token, kind), alertIcons()[kind], token) : '</div>\n'),
    })),
  });
  // A `## Title` first inside a callout is its title, not a heading of the slide.
  md.core.ruler.before(STEPS, 'deck_callout_titles', (state) => {
    const tokens = state.tokens;
    const titles = new Set<Token>();
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i]!;
      if (!open.type.startsWith('container_callout-') || open.nesting !== 1 || tokens[i + 1]?.type !== 'heading_open' || tokens[i + 2]?.type !== 'inline') continue;
      if (writtenTitle(open) !== undefined) continue; // (title="…" is the title; the heading stays)
      open.meta = { ...(open.meta ?? {}), calloutTitle: plainText(tokens[i + 2]!) };
      for (let k = 1; k <= 3; k++) titles.add(tokens[i + k]!);
    }
    if (titles.size) state.tokens = tokens.filter((t) => !titles.has(t));
  });
}

/**
 * The opening HTML of a callout, the same for both spellings; a Quarto callout's other classes
 * (`::: {.callout-tip .fragment}`: a step) and its step's index come from its token.
 */
function calloutOpen(md: MarkdownIt, kind: Kind, title: string, icon: string, container?: Token): string {
  // The kind is the note's name even under a title of the author's own ("Caution", then the text).
  const name = kind.charAt(0).toUpperCase() + kind.slice(1);
  const own = String(container?.attrGet('class') ?? '').split(/\s+/).filter((c) => c && c !== `callout-${kind}` && c !== 'callout');
  const index = container?.attrGet('data-fragment-index');
  const extra = `${own.length ? ` ${md.utils.escapeHtml(own.join(' '))}` : ''}"${index == null ? '' : ` data-fragment-index="${md.utils.escapeHtml(String(index))}"`}`;
  return `<div class="callout callout-${kind}${extra} role="note" aria-label="${name}"><p class="callout-title">${icon.replace(/ mr-2"/, '"').replace('<svg ', '<svg focusable="false" ')}<span>${md.utils.escapeHtml(title)}</span></p>\n`;
}

/** A Quarto callout's title: `title="…"`, its first `## Title`, or its kind ("Note"), as GitHub's. */
function calloutTitle(open: Token, kind: Kind): string {
  const written = writtenTitle(open);
  const title = written === undefined ? (open.meta?.calloutTitle as string | undefined) : written.trim();
  return title || kind.charAt(0).toUpperCase() + kind.slice(1);
}

/** `title="…"`: in braces, markdown-it-attrs made it an attribute; after `::: callout-note`, a parameter. */
function writtenTitle(open: Token): string | undefined {
  const attribute = open.attrGet('title');
  if (attribute !== null) return String(attribute);
  const param = containerParams(open).find((p) => p.key === 'title')?.value;
  return param === undefined ? undefined : unquoted(param);
}

/** The words of a heading, its marks left out (`**Tip**` → `Tip`): a callout's title is text. */
function plainText(inline: Token): string {
  return (inline.children ?? [])
    .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' ? ' ' : ''))
    .join('')
    .trim();
}

/** markdown-it-github-alerts' icons, as it gives them to its own callouts (it does not export them). */
let icons: Record<Kind, string> | undefined; // (the same for every instance: read once)
function alertIcons(): Record<Kind, string> {
  if (icons) return icons;
  const found: Partial<Record<Kind, string>> = {};
  const tokens = new MarkdownItClass().use(alerts).parse(CALLOUTS.map((kind) => `> [!${kind.toUpperCase()}]\n> x`).join('\n\n'), {});
  for (const token of tokens) if (token.type === 'alert_open') found[(token.meta as { type: Kind }).type] = (token.meta as { icon: string }).icon;
  icons = found as Record<Kind, string>;
  return icons;
}
