// In-page probes, injected with page.addInitScript into the deck and the floor page alike, so both
// are measured by the same code. They run before any script of the page.

/**
 * "Title visible": the first animation frame in which the title is laid out, not hidden (display,
 * visibility, opacity, off-screen) and its text is drawn: the web font that paints it loaded, or a
 * font-display that shows the text in the next font meanwhile. Records that frame's timestamp in `window.__bench.titleVisible`
 * (same time origin as performance.now() and paint timing).
 */
export function titleProbe(selector: string): void {
  const bench: { titleVisible?: number } = {};
  (window as unknown as { __bench: typeof bench }).__bench = bench;
  const ready = (): boolean => {
    const el = document.querySelector(selector);
    if (!el || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.bottom < 0 || rect.right < 0) return false;
    if (rect.top > innerHeight || rect.left > innerWidth) return false;
    // The family that paints it: the first in its list that has faces of its weight and style that
    // are loaded (or none at all: a system font). document.fonts.check() would not do: it also
    // waits for the faces of the families behind the first, which the text never asks for.
    const cs = getComputedStyle(el);
    const unquote = (name: string) => name.trim().replace(/^["']|["']$/g, '');
    const weight = Number(cs.fontWeight);
    const faces = [...(document.fonts as unknown as Iterable<FontFace>)];
    for (const family of cs.fontFamily.split(',').map(unquote)) {
      const own = faces.filter((f) => {
        if (unquote(f.family) !== family || f.style !== cs.fontStyle) return false;
        const [lo, hi = lo] = f.weight.split(/\s+/).map(Number);
        return weight >= lo! && weight <= hi!;
      });
      if (own.length === 0) return true; // a system font (or a generic family)
      if (own.every((f) => f.status === 'error')) continue;
      if (own.some((f) => f.status === 'loaded') && !own.some((f) => f.status === 'loading')) return true;
      // Loading: hidden during a block period (font-display block or auto), shown in the next family otherwise.
      return own.every((f) => ['swap', 'fallback', 'optional'].includes(f.display));
    }
    return true;
  };
  const frame = (ts: number) => {
    if (ready()) bench.titleVisible = ts;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Stepping: the time from a keydown reaching the page (capture listener on window, first to run)
 * to the end of the page's own handlers (bubble listener on window, last to run) plus the style
 * and layout they caused (forced by getBoundingClientRect). Transitions play afterwards, on the
 * compositor, and are not counted. Also records the wait to the next animation frame.
 */
export function stepProbe(): void {
  const steps: { work: number; toFrame: number }[] = [];
  (window as unknown as { __steps: typeof steps }).__steps = steps;
  let start = 0;
  addEventListener('keydown', () => void (start = performance.now()), { capture: true });
  addEventListener('keydown', () => {
    document.documentElement.getBoundingClientRect();
    for (const el of document.querySelectorAll('.reveal .slides section.present')) el.getBoundingClientRect();
    const work = performance.now() - start;
    requestAnimationFrame(() => steps.push({ work, toFrame: performance.now() - start }));
  });
}

/** Live edit: reports (through a binding) each edit marker the first frame it is really visible. */
export function editProbe(pattern: string): void {
  const re = new RegExp(pattern, 'g');
  const seen = new Set<string>();
  const report = (window as unknown as { __benchSeen: (marker: string, at: number, hash: string) => void }).__benchSeen;
  const frame = () => {
    const text = document.body?.innerText ?? ''; // innerText: rendered, visible text only
    for (const match of text.matchAll(re)) {
      if (!seen.has(match[0])) {
        seen.add(match[0]);
        void report(match[0], Date.now(), location.hash);
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * A probe as init-script source. tsx (esbuild) wraps named functions in `__name(…)`, which does not
 * exist in the page; a no-op definition keeps the serialized function runnable there.
 */
export const asInitScript = <A>(probe: (arg: A) => void, arg?: A) => ({
  content: `var __name = (f) => f;\n(${probe.toString()})(${JSON.stringify(arg ?? null)});`,
});
