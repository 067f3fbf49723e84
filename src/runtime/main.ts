// Browser entry: the slides are already in the page; this only starts reveal.js.
import Reveal from 'reveal.js';
import 'reveal.js/reveal.css';
import '../theme/index.css';
import './theme-switch.ts';
import { makeAccessible } from './a11y.ts';
import { fitPhones, swipeOneStep } from './phone.ts';
import { followReducedMotion, motionConfig } from './navigation.ts';
import { keepPreviewInStep, openPresenterOnS, startPreviewAtStep } from './presenter.ts';
import { numberPrintedPages } from './print.ts';
import type { RevealApi } from 'reveal.js';
import { showStepNumbers, stepNumber } from './slide-number.ts';

startPreviewAtStep();
const deck: RevealApi = new Reveal({
  hash: true, // #/slide-id/step: a reload or a shared link lands on the same step
  fragmentInURL: true,
  history: false,
  controls: true,
  progress: true,
  center: false,
  width: 1280,
  height: 720,
  margin: 0.04,
  // reveal.js prints "a delimiter b" only when b is a number, whatever its type says.
  slideNumber: () => stepNumber(deck) as unknown as [string, string, string],
  pdfMaxPagesPerSlide: 1,
  ...motionConfig(),
});
makeAccessible(deck); // screen readers: main landmark, one announcement per step
fitPhones(deck); // phones: reveal's scroll view on a portrait stage that keeps text readable
swipeOneStep(deck); // phones: one swipe, one step
showStepNumbers(deck);
openPresenterOnS(deck);
keepPreviewInStep(deck);
followReducedMotion(deck);
numberPrintedPages(deck);
void deck.initialize();
if (import.meta.env.DEV) void import('./live-reload.ts').then(({ followDeckEdits }) => followDeckEdits(deck)); // keep your place on edits
