// What reaches outside the current slide, and which text blocks overlap: the overflow guard's
// measure. The tests run it at every step of every deck (tests/e2e/overflow-guard.ts, through
// page.evaluate, so it uses nothing outside itself), and the dev server's pages run it as the
// author looks at each step (overflow-watch.ts). A problem names the slide's source line.
export interface Problem {
  line: string;
  what: string;
}

/** Runs in the page: what reaches outside the current slide, and which text blocks overlap. */
export function measureStep(): Problem[] {
  const problems: Problem[] = [];
  const slide = document.querySelector('.reveal .slides section.present');
  const frame = document.querySelector('.reveal .slides')!.getBoundingClientRect();
  if (!slide) return [{ line: '?', what: 'no current slide' }];
  const line = slide.getAttribute('data-source-line') ?? '?';
  const scale = frame.width / (document.querySelector('.reveal .slides') as HTMLElement).offsetWidth || 1;
  const px = (n: number) => Math.round(n / scale);
  const TOLERANCE = 1; // CSS px at slide scale: sub-pixel rounding is no overflow
  const seen = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const describe = (el: Element) => {
    // A part of a formula is named by the formula's TeX source (what it reads as), not KaTeX's glyphs.
    const formula = el.closest('.math');
    const source = formula && (formula.getAttribute('data-text') ?? formula.querySelector('[data-text]')?.getAttribute('data-text'));
    const text = (source ? `formula ${source}` : (el.textContent ?? '')).replace(/\s+/g, ' ').trim().slice(0, source ? 80 : 50);
    // (Without reveal.js's own state classes, which change from step to step: the same element is named the same.)
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\s+/).filter((c) => c && !['visible', 'current-fragment', 'present', 'past', 'future'].includes(c)) : [];
    return `<${el.tagName.toLowerCase()}${classes.length ? `.${classes.join('.')}` : ''}>${text ? ` "${text}"` : ''}`;
  };
  // What an element may show is cut by ancestors that clip (overflow other than visible, an svg).
  type Box = { left: number; top: number; right: number; bottom: number };
  const clipOf = (el: Element): Box | null => {
    let clip: Box | null = null;
    for (let a = el.parentElement; a && a !== slide; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible' && !(a instanceof SVGSVGElement)) continue;
      const r = a.getBoundingClientRect();
      clip = clip
        ? { left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom) }
        : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }
    return clip;
  };
  const outside = (rect: DOMRect, clip: Box | null, tolerance = TOLERANCE) => {
    const left = Math.max(rect.left, clip?.left ?? -Infinity);
    const top = Math.max(rect.top, clip?.top ?? -Infinity);
    const right = Math.min(rect.right, clip?.right ?? Infinity);
    const bottom = Math.min(rect.bottom, clip?.bottom ?? Infinity);
    if (right <= left || bottom <= top) return [];
    const sides: string[] = [];
    if (frame.left - left > tolerance * scale) sides.push(`${px(frame.left - left)}px past the left`);
    if (right - frame.right > tolerance * scale) sides.push(`${px(right - frame.right)}px past the right`);
    if (frame.top - top > tolerance * scale) sides.push(`${px(frame.top - top)}px past the top`);
    if (bottom - frame.bottom > tolerance * scale) sides.push(`${px(bottom - frame.bottom)}px past the bottom`);
    return sides;
  };

  // Report the outermost element that overflows (its children overflow with it), and text that
  // overflows a box which itself fits (a long word, a box too small for its text).
  const reported = new Set<Element>();
  const withinReported = (el: Element | null) => {
    for (let a = el; a && a !== slide; a = a.parentElement) if (reported.has(a)) return true;
    return false;
  };
  const elements = [...slide.querySelectorAll('*')].filter((el) => !el.closest('aside.notes') && seen(el));
  for (const el of elements) {
    if (withinReported(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    // An inline box is as tall as its text's glyph boxes: the same slack as for text below.
    const inline = getComputedStyle(el).display === 'inline' && !(el instanceof SVGElement);
    const sides = outside(rect, clipOf(el), inline ? Math.max(TOLERANCE, (0.1 * rect.height) / scale) : TOLERANCE);
    if (sides.length) reported.add(el);
    if (sides.length) problems.push({ line, what: `${describe(el)} reaches ${sides.join(', ')} of the slide` });
  }

  // Text, line by line, grouped by the block it belongs to (its nearest non-inline ancestor).
  const blockOf = (node: Node): Element => {
    // A formula's glyphs are placed by KaTeX, its boxes inside one another: the formula is one block.
    const formula = node.parentElement!.closest('.katex-html');
    if (formula) return formula;
    let el = node.parentElement!;
    while (el !== slide && (getComputedStyle(el).display.startsWith('inline') || getComputedStyle(el).display === 'contents') && !(el instanceof SVGTextElement)) {
      el = el.parentElement!;
    }
    return el;
  };
  const blocks = new Map<Element, DOMRect[]>();
  // Text for screen readers only (the "visually hidden" recipe: clipped to a pixel, as a formula's MathML is) is not drawn.
  const forScreenReadersOnly = (el: Element) => {
    for (let a: Element | null = el; a && a !== slide; a = a.parentElement) {
      const style = getComputedStyle(a);
      if ((style.clipPath !== 'none' || style.overflow === 'hidden') && a.getBoundingClientRect().width <= scale + 0.5) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent?.trim() || parent.closest('aside.notes') || !seen(parent) || forScreenReadersOnly(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const clip = clipOf(parent);
    for (const rect of withinReported(parent) ? [] : rects) {
      // A text line's box is the font's whole ascent and descent; its ink sits well inside (the
      // top tenth is room for accents), so that much slack is no overflow.
      const sides = outside(rect, clip, Math.max(TOLERANCE, (0.1 * rect.height) / scale));
      if (sides.length) problems.push({ line, what: `text "${node.textContent.trim().slice(0, 50)}" reaches ${sides.join(', ')} of the slide` });
    }
    const block = blockOf(node);
    // Only what its clipping ancestors let show can lie on top of something (a scrolled code block's lines).
    const showing = clip
      ? rects
          .map((r) => new DOMRect(Math.max(r.left, clip.left), Math.max(r.top, clip.top), Math.min(r.right, clip.right) - Math.max(r.left, clip.left), Math.min(r.bottom, clip.bottom) - Math.max(r.top, clip.top)))
          .filter((r) => r.width > 0 && r.height > 0)
      : rects;
    blocks.set(block, [...(blocks.get(block) ?? []), ...showing]);
  }
  const entries = [...blocks.entries()];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, aRects] = entries[i]!;
      const [b, bRects] = entries[j]!;
      if (a.contains(b) || b.contains(a)) continue;
      const overlapping = aRects.some((r) =>
        bRects.some((s) => {
          const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
          const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
          // Glyph boxes of neighbouring lines may touch; a third of a line is text on text.
          return w > 2 * scale && h > Math.min(r.height, s.height) / 3;
        }),
      );
      if (overlapping) problems.push({ line, what: `${describe(a)} overlaps ${describe(b)}` });
    }
  }

  // Code that scrolls (src/runtime/code.ts): what a block must show is its highlighted lines at
  // this step, or all its lines when it highlights none. Lines it scrolls past are not overflow
  // (its box clips them), so a block that cannot show what it must is named here.
  for (const pre of [...slide.querySelectorAll<HTMLElement>('pre.code')].filter((el) => !el.closest('aside.notes') && seen(el))) {
    const lines = [...pre.querySelectorAll<HTMLElement>(':scope > code > .line')];
    const stage = pre.querySelectorAll(':scope > code > i.code-stage.visible').length;
    const lit = pre.classList.contains('code-steps') ? lines.filter((l) => l.classList.contains(`s${stage}`)) : lines;
    const box = pre.getBoundingClientRect();
    const top = box.top + pre.clientTop * scale;
    const bottom = top + pre.clientHeight * scale;
    const hidden = lit.filter((l) => {
      const r = l.getBoundingClientRect();
      return r.top < top - TOLERANCE * scale || r.bottom > bottom + TOLERANCE * scale;
    });
    const name = `<pre.code> "${(lines[0]?.textContent ?? '').trim().slice(0, 40)}"`;
    if (hidden.length > 0) {
      const numbers = hidden.map((l) => lines.indexOf(l) + 1);
      const which = pre.classList.contains('code-steps') ? 'its highlighted lines' : 'all its lines';
      problems.push({ line, what: `${name} cannot show ${which} at the smallest code size: line${numbers.length > 1 ? `s ${numbers[0]}–${numbers.at(-1)}` : ` ${numbers[0]}`} of ${lines.length} out of view` });
    }
    if (pre.scrollWidth > pre.clientWidth + TOLERANCE) {
      problems.push({ line, what: `${name} is wider than the slide at the smallest code size: ${pre.scrollWidth - pre.clientWidth}px of its longest line cut off` });
    }
  }
  return problems;
}
