// Animation between slides, on the pages that have it (src/vite/auto-animate.ts adds this script to
// them only). reveal.js animates two adjacent `data-auto-animate` slides into each other: it writes
// a style sheet that puts each element of the new slide where its pair was, then lets it move. Here,
// where no motion is wanted, that sheet is emptied as soon as reveal.js has written it, and the new
// slide is shown as it is, at once: for a viewer who prefers reduced motion (the preference is read
// at each change of slide, so an OS setting changed mid-talk counts), and in the presenter view's
// previews (`?receiver`), which show each step as it stands, never a frame half-way. reveal.js's
// events arrive on its `.reveal` element, so this needs nothing from src/runtime/main.ts.
export {};

const still = new URLSearchParams(location.search).has('receiver');
const reduced = matchMedia('(prefers-reduced-motion: reduce)');

document.querySelector('.reveal')?.addEventListener('autoanimate', (event) => {
  const sheet = (event as Event & { sheet?: HTMLStyleElement }).sheet;
  if (sheet && (still || reduced.matches)) sheet.textContent = '';
});
