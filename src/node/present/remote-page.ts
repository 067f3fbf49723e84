// The phone's remote page (`/__present/remote/<secret>`): big Previous and Next, the step count, a
// preview of the next step, the slide's notes, the elapsed time and the clock, a black-screen
// toggle. Its script is src/present/remote.ts; its look is the deck's palette (src/theme/palette.css).

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `deckPath`: where the deck is served (the preview loads it); `secret`: the phone's, for its socket. */
export function remotePage(deckPath: string, secret: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>Remote</title>
<style>
:root { --paper: #fffdf8; --ink: #1c1b1a; --muted: #55504a; --accent: #a3252b; --rule: #e7dfd2; color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --paper: #15171c; --ink: #eeebe4; --muted: #b9b3a9; --accent: #ff9c8f; --rule: #343841; } }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: var(--paper); color: var(--ink); font: 18px/1.35 "Atkinson Hyperlegible", system-ui, sans-serif; }
body { display: grid; grid-template-rows: auto auto 1fr auto; height: 100dvh; padding: env(safe-area-inset-top) 12px env(safe-area-inset-bottom); touch-action: pan-y; user-select: none; -webkit-user-select: none; }
header { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; padding: 10px 2px 6px; border-bottom: 3px solid var(--rule); }
#step { font-size: 30px; font-weight: 700; }
#times { text-align: end; font-variant-numeric: tabular-nums; color: var(--muted); font-size: 16px; }
#elapsed { font-size: 24px; font-weight: 700; color: var(--ink); display: block; }
#status { font-size: 14px; color: var(--accent); min-height: 1.2em; }
#status:empty { display: none; }
figure { margin: 8px 0 0; }
figcaption { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin-bottom: 4px; }
#preview { position: relative; width: 100%; aspect-ratio: 16 / 9; overflow: hidden; border: 2px solid var(--rule); border-radius: 6px; background: var(--paper); }
#preview iframe { position: absolute; top: 0; left: 0; width: 1280px; height: 720px; border: 0; transform-origin: 0 0; pointer-events: none; }
#notes { overflow: auto; padding: 10px 2px; font-size: 21px; line-height: 1.45; border-bottom: 3px solid var(--rule); }
#notes:empty::before { content: "No notes on this slide."; color: var(--muted); }
#notes p { margin: 0 0 .6em; }
nav { display: grid; grid-template-columns: 1fr 2fr; grid-template-rows: auto auto; gap: 10px; padding: 10px 0 12px; }
button { font: inherit; font-weight: 700; border-radius: 10px; border: 3px solid var(--accent); background: var(--paper); color: var(--ink); min-height: 64px; touch-action: manipulation; }
button:active { filter: brightness(.9); }
#next { background: var(--accent); color: var(--paper); font-size: 28px; min-height: 120px; }
#prev { font-size: 22px; min-height: 120px; }
#black { grid-column: 1 / -1; min-height: 48px; font-size: 17px; border-color: var(--rule); }
#black[aria-pressed="true"] { background: #000; color: #fff; border-color: #000; }
button:disabled { opacity: .45; }
</style>
</head>
<body>
<header>
  <div><div id="step" aria-live="polite">–</div><div id="status" role="status">Connecting…</div></div>
  <div id="times"><span id="elapsed" title="Elapsed since the first step">00:00</span><span id="clock">–</span></div>
</header>
<figure><figcaption>Next</figcaption><div id="preview"><iframe title="Next step" tabindex="-1" src="${escape(deckPath)}?receiver&amp;controls=false&amp;progress=false&amp;history=false&amp;transition=none&amp;backgroundTransition=none&amp;scrollActivationWidth=false"></iframe></div></figure>
<section id="notes" aria-label="Notes"></section>
<nav>
  <button id="prev" type="button">Previous</button>
  <button id="next" type="button">Next</button>
  <button id="black" type="button" aria-pressed="false">Black screen</button>
</nav>
<script src="/__present/remote.js/${escape(secret)}" data-secret="${escape(secret)}"></script>
</body>
</html>
`;
}
