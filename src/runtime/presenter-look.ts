// The presenter view in the deck's own look: reveal.js's notes plugin writes the speaker window
// (current and next step, notes, timer, clock; its behaviour is kept as it is, presenter.ts); here
// that window gets the deck's fonts and palette, the notes in large text, the step count ("7 of
// 22"), and under `npm run present` the phone's QR code on request.
// One chunk with the plugin: the single-file export wants chunks that import nothing, so what the
// deck's own bundle has (the step count) comes in as an argument.
import type { RevealApi } from 'reveal.js';
import type { stepNumber as StepNumber } from './slide-number.ts';

export { default as RevealNotes } from 'reveal.js/plugin/notes';

/** The notes plugin's window name (reveal.js/plugin/notes). */
export const SPEAKER_WINDOW = 'reveal.js - Notes';

/**
 * The deck's main faces, given to the speaker window as loaded fonts: the bytes are fetched here
 * (from the browser's cache, or the data: URL of the single-file export) and handed over, so the
 * about:blank window fetches nothing itself.
 */
async function copyFonts(popup: Window): Promise<void> {
  const main = getComputedStyle(document.documentElement).getPropertyValue('--r-main-font');
  const families = main.split(',').map((name) => name.trim().replace(/^["']|["']$/g, ''));
  const PopupFontFace = (popup as unknown as { FontFace: typeof FontFace }).FontFace;
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const family = rule.style.getPropertyValue('font-family').trim().replace(/^["']|["']$/g, '');
      const url = /url\(\s*["']?([^"')]+)/.exec(rule.style.getPropertyValue('src'))?.[1];
      if (!families.includes(family) || !url) continue;
      try {
        const bytes = await (await fetch(new URL(url, sheet.href ?? location.href))).arrayBuffer();
        const range = rule.style.getPropertyValue('unicode-range');
        const face = new PopupFontFace(family, bytes, {
          weight: rule.style.getPropertyValue('font-weight') || 'normal',
          style: rule.style.getPropertyValue('font-style') || 'normal',
          ...(range ? { unicodeRange: range } : {}),
        });
        popup.document.fonts.add(face);
      } catch {
        // the window keeps the next font of the list
      }
    }
  }
}

function palette(): string {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return `--paper: ${v('--deck-paper', '#fffdf8')}; --ink: ${v('--deck-ink', '#1c1b1a')}; --muted: ${v('--deck-muted', '#55504a')};
    --accent: ${v('--deck-accent', '#a3252b')}; --rule: ${v('--deck-rule', '#e7dfd2')}; --font: ${v('--r-main-font', 'sans-serif')};`;
}

const css = () => `
:root { ${palette()} }
body { background: var(--paper); color: var(--ink); font-family: var(--font); font-size: 20px; }
#connection-status { background: var(--paper); color: var(--ink); }
#current-slide iframe, #upcoming-slide iframe { border: 2px solid var(--rule); border-radius: 4px; background: var(--paper); }
.overlay-element { background: var(--rule); color: var(--ink); font-family: var(--font); border-radius: 3px; }
.overlay-element.interactive:hover { background: var(--accent); color: var(--paper); }
/* The plugin puts "Upcoming" over the preview's top left: the next slide's title. The foot's left is where a slide is emptiest. */
#upcoming-slide .label { top: auto; bottom: 12px; left: 12px; height: 26px; line-height: 26px; font-size: 13px; opacity: .9; }
#speaker-layout { color: var(--ink); }
.speaker-controls-time .label, .speaker-controls-pace .label, .speaker-controls-notes .label, .speaker-controls-step .label {
  color: var(--muted); font-weight: 700; letter-spacing: .06em; font-size: .62em; margin: 0; text-transform: uppercase; }
.speaker-controls-time, .speaker-controls-step { border-bottom: 3px solid var(--rule); }
.speaker-controls-time .timer, .speaker-controls-time .clock { font-variant-numeric: tabular-nums; font-weight: 700; }
.speaker-controls-time .reset-button { color: var(--muted); }
.speaker-controls-step { display: flex; align-items: baseline; gap: 16px; padding: 10px 16px 12px; margin-bottom: 10px; }
.speaker-controls-step .value { font-size: 1.6em; font-weight: 700; font-variant-numeric: tabular-nums; }
.speaker-controls-notes .value { font-size: 1.55em; line-height: 1.45; }
.speaker-controls-notes .value p { margin: 0 0 .6em; }
.deck-phone { margin-inline-start: auto; font: inherit; font-size: .7em; font-weight: 700; color: var(--ink); background: var(--paper); border: 2px solid var(--accent); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
.deck-phone-qr { position: fixed; inset: 0; z-index: 30; display: grid; place-items: center; background: color-mix(in srgb, var(--paper) 94%, transparent); }
.deck-phone-qr[hidden] { display: none; }
.deck-phone-qr figure { margin: 0; text-align: center; }
.deck-phone-qr img { width: min(60vh, 60vw); height: auto; background: #fff; padding: 8px; border-radius: 8px; }
.deck-phone-qr figcaption { margin-top: 12px; font-size: 1.1em; }
`;

/** Speaker windows whose step count this deck keeps up to date. */
const following = new WeakSet<Document>();

/**
 * Dresses the speaker window the notes plugin just opened (found by its name: window.open with no
 * URL returns it as it is), or one that outlived a reload of the deck (`popup`, from its heartbeat),
 * and keeps its step count up to date.
 */
export function dressSpeakerWindow(deck: RevealApi, stepNumber: typeof StepNumber, popup: Window | null = window.open('', SPEAKER_WINDOW)): void {
  let doc: Document | undefined;
  try {
    doc = popup?.document;
  } catch {
    return; // not ours
  }
  if (!doc?.querySelector('#speaker-controls') || following.has(doc)) return;
  following.add(doc);
  const dressed = doc.querySelector('.speaker-controls-step');
  const step = dressed ?? doc.createElement('div');
  if (!dressed) {
    const style = doc.createElement('style');
    style.className = 'deck-look';
    style.textContent = css();
    doc.head.append(style);
    doc.title = `${document.title} – presenter view`;
    void copyFonts(popup!);
    step.className = 'speaker-controls-step';
    step.innerHTML = '<h4 class="label">Step</h4><div class="value" aria-live="off"></div>';
    doc.querySelector('#speaker-controls')!.prepend(step);
  }
  const value = step.querySelector('.value')!;
  const render = () => {
    const [current, of, total] = stepNumber(deck);
    value.textContent = `${current} ${of} ${total}`;
  };
  for (const type of ['slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(type, render);
  render();
  if (dressed) return;

  // Under `npm run present`: the phone's QR code, on request (served to this machine only).
  const token = document.querySelector<HTMLMetaElement>('meta[name="deck-present"]')?.content;
  if (!token) return;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'deck-phone';
  button.textContent = 'Phone remote (QR)';
  step.append(button);
  const overlay = doc.createElement('div');
  overlay.className = 'deck-phone-qr';
  overlay.hidden = true;
  overlay.innerHTML = '<figure><img alt="QR code of the phone remote"><figcaption>Scan with your phone (same Wi-Fi). Click or Esc to close.</figcaption></figure>';
  doc.body.append(overlay);
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    overlay.querySelector('img')!.src = `${location.origin}/__present/qr.svg?token=${encodeURIComponent(token)}`;
    overlay.hidden = false;
  });
  overlay.addEventListener('click', () => (overlay.hidden = true));
  doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !overlay.hidden) overlay.hidden = true;
  }, true);
}
