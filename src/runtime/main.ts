// Browser entry: the slides are already in the page; this only starts reveal.js.
import Reveal from 'reveal.js';
import 'reveal.js/reveal.css';
import '../theme/index.css';
import './theme-switch.ts';
import { makeAccessible } from './a11y.ts';
import { fitPhones, initialStage, swipeOneStep } from './phone.ts';
import { followReducedMotion, jumpOnG, jumpsOpenAtFirstStep, motionConfig, writeUrlAtOnce } from './navigation.ts';
import { keepPreviewInStep, openPresenterOnS, startPreviewAtStep } from './presenter.ts';
import { numberPrintedPages } from './print.ts';
import type { RevealApi } from 'reveal.js';
import { showStepNumbers, stepNumber } from './slide-number.ts';
import { bindTools, followPresentServer } from './tools.ts';

startPreviewAtStep();
const DESKTOP_STAGE = { width: 1280, height: 720 };
const deck: RevealApi = new Reveal({
  // #/slide-id/step: a reload or a shared link lands on the same step. reveal.js reads the URL;
  // navigation.ts writes it, at once (reveal waits up to a second, and not at all on phones).
  hash: false,
  fragmentInURL: true,
  history: false,
  jumpToSlide: false, // G is ours: it takes the step number the screen shows (navigation.ts)
  controls: true,
  progress: true,
  center: false,
  // On a phone, the portrait stage of its scroll view from the start (phone.ts).
  ...initialStage(DESKTOP_STAGE),
  margin: 0.04,
  // reveal.js prints "a delimiter b" only when b is a number, whatever its type says.
  slideNumber: () => stepNumber(deck) as unknown as [string, string, string],
  pdfMaxPagesPerSlide: 1,
  ...motionConfig(),
});
makeAccessible(deck); // screen readers: main landmark, one announcement per step
fitPhones(deck, DESKTOP_STAGE); // phones: reveal's scroll view on a portrait stage that keeps text readable
swipeOneStep(deck); // phones: one swipe, one step
showStepNumbers(deck);
openPresenterOnS(deck);
keepPreviewInStep(deck);
followReducedMotion(deck);
writeUrlAtOnce(deck); // a reload right after a step keeps the step
jumpOnG(deck); // G 13: what the screen calls 13; a jump opens at the slide's first step
jumpsOpenAtFirstStep(deck); // so does the overview
numberPrintedPages(deck);
bindTools(deck); // L pointer, Z zoom, D ink, C clear: each loaded on its first use
followPresentServer(deck); // under `npm run present` only: the laptop's windows and the phone
void deck.initialize();
if (import.meta.env.DEV) void import('./live-reload.ts').then(({ followDeckEdits }) => followDeckEdits(deck)); // keep your place on edits
