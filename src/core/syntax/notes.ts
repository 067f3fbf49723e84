// Speaker notes: a `::: notes` container becomes reveal.js's `<aside class="notes">`.
import type { MarkdownIt } from 'markdown-it';
import container from 'markdown-it-container';

export function notesPlugin(md: MarkdownIt): void {
  md.use(container, 'notes', {
    render: (tokens, idx) => (tokens[idx]!.nesting === 1 ? '<aside class="notes">\n' : '</aside>\n'),
  });
}
