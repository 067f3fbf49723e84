// Callouts, in GitHub's syntax: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`
// (markdown-it-github-alerts finds them). Each is a `role="note"` box in the theme's colours with
// an icon (hidden from screen readers) and its label as text, which they read: "Warning".
import type { MarkdownIt } from 'markdown-it';
import alerts from 'markdown-it-github-alerts';

export const CALLOUTS = ['note', 'tip', 'important', 'warning', 'caution'] as const;

export function calloutsPlugin(md: MarkdownIt): void {
  md.use(alerts, { classPrefix: 'callout' });
  // Its own renderer writes the title as raw HTML: here it is text, escaped.
  md.renderer.rules.alert_open = (tokens, idx) => {
    const { title, type, icon } = tokens[idx]!.meta as { title: string; type: string; icon: string };
    const kind = (CALLOUTS as readonly string[]).includes(type) ? type : 'note';
    // The kind is the note's name even under a title of the author's own ("Caution", then the text).
    const name = kind.charAt(0).toUpperCase() + kind.slice(1);
    return `<div class="callout callout-${kind}" role="note" aria-label="${name}"><p class="callout-title">${icon.replace(/ mr-2"/, '"').replace('<svg ', '<svg focusable="false" ')}<span>${md.utils.escapeHtml(title)}</span></p>\n`;
  };
}
