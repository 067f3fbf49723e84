// Animation between slides, on the pages that have it (src/vite/auto-animate.ts adds this script to
// them only). reveal.js animates two adjacent `data-auto-animate` slides into each other: it writes
// a style sheet that puts each element of the new slide where its pair was, then lets it move. Here,
// where no motion is wanted, that sheet is emptied as soon as reveal.js has written it, and the new
// slide is shown as it is, at once: for a viewer who prefers reduced motion (the preference is read
// at each change of slide, so an OS setting changed mid-talk counts), and in the presenter view's
// previews (`?receiver`), which show each step as it stands, never a frame half-way. reveal.js's
// events arrive on its `.reveal` element, so this needs nothing from src/runtime/main.ts.
//
// A code block that moved keeps reveal.js's mark of an animated element (data-auto-animate-target)
// until the next animation, and with it reveal.js's `overflow: hidden` on it and the height it had
// when the animation began (`!important`): a long block, cut to its slide and scrolling, could not
// be scrolled by hand, nor be cut again to a new window size. Once its animation has ended, the
// block loses the mark (reveal.js's next animation clears the others and needs none of it).
export {};

const still = new URLSearchParams(location.search).has('receiver');
const reduced = matchMedia('(prefers-reduced-motion: reduce)');

/** Takes reveal.js's mark off the slide's moved code blocks once their animations have ended. */
function releaseCode(slide: Element): void {
  // reveal.js starts the animation a frame after this event: the block's transitions exist after the next.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      for (const pre of slide.querySelectorAll<HTMLElement>('pre[data-auto-animate-target]')) {
        const mark = pre.dataset.autoAnimateTarget;
        void Promise.allSettled(pre.getAnimations({ subtree: true }).map((animation) => animation.finished)).then(() => {
          // (A newer animation of the same block has marked it again: that one releases it.)
          if (pre.dataset.autoAnimateTarget !== mark) return;
          for (const element of [pre, ...pre.querySelectorAll<HTMLElement>('[data-auto-animate-target]')]) delete element.dataset.autoAnimateTarget;
        });
      }
    }),
  );
}

document.querySelector('.reveal')?.addEventListener('autoanimate', (event) => {
  // (reveal.js puts its event's data on the event itself.)
  const { sheet, toSlide } = event as Event & { sheet?: HTMLStyleElement; toSlide?: Element };
  if (sheet && (still || reduced.matches)) sheet.textContent = '';
  if (toSlide) releaseCode(toSlide);
});
