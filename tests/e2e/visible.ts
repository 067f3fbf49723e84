// Reads what a viewer really sees on the current slide: lines of text whose element and ancestors
// are displayed, not `visibility: hidden` and not transparent (reveal.js hides pending steps so);
// a code block line by line, its highlighted lines marked as the text export marks them.
import type { Frame, Page } from '@playwright/test';

export async function visibleLines(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const LINE = 'h1,h2,h3,h4,h5,h6,p,li,figcaption,dt,dd,pre,text,tr';
    const slide = document.querySelector('.reveal .slides section.present');
    if (!slide) return [];
    const seen = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const lines: string[] = [];
    for (const el of slide.querySelectorAll(LINE)) {
      if (el.closest('aside.notes') || !seen(el)) continue;
      // A code block's lines, as the text export writes them: a highlighted one (drawn on its band)
      // starts with "▶ " in a block with stepped highlighting (src/core/visibility.ts).
      if (el.matches('pre.code')) {
        const stepped = el.classList.contains('code-steps');
        for (const line of el.querySelectorAll(':scope > code > .line')) {
          const lit = stepped && getComputedStyle(line).backgroundColor !== 'rgba(0, 0, 0, 0)';
          lines.push(`${stepped ? (lit ? '▶ ' : '  ') : ''}${(line.textContent ?? '').replace(/\s+$/, '')}`);
        }
        continue;
      }
      // A table row, as the text export writes it: its cells' words joined by " | ".
      if (el.tagName === 'TR') {
        const cells = [...el.children].filter((cell) => cell.matches('th,td')).map((cell) => (seen(cell) ? (cell.textContent ?? '').replace(/\s+/g, ' ').trim() : ''));
        if (cells.some(Boolean)) lines.push(cells.join(' | '));
        continue;
      }
      const isItem = el.tagName === 'LI';
      // A line's own text: skip nested lists (a list item's sub-items are lines of their own),
      // nested line elements outside list items, and anything not seen.
      const own = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
        if (!(node instanceof Element)) return '';
        if (node.matches('ul,ol,pre.code') || (!isItem && node.matches(LINE)) || !seen(node)) return '';
        // What an element reads as (src/core/visibility.ts, READ_AS: a formula's TeX source), and nothing hidden from screen readers.
        if (node.hasAttribute('data-text')) return node.getAttribute('data-text')!;
        if (node.getAttribute('aria-hidden') === 'true') return '';
        if (node.matches('br,p')) return ' ' + [...node.childNodes].map(own).join('');
        return [...node.childNodes].map(own).join('');
      };
      if (isItem && el.parentElement?.closest('li') && !el.closest('li')) continue;
      if (!isItem && el.parentElement?.closest('li')) continue; // paragraphs inside items belong to the item
      const text = [...el.childNodes].map(own).join('').replace(/\s+/g, ' ').trim();
      if (text) lines.push(text);
    }
    return lines;
  });
}
