// Browser entry: the slides are already in the page; this only starts reveal.js.
import Reveal from 'reveal.js';
import 'reveal.js/reveal.css';
import '../theme/index.css';
import './theme-switch.ts';
import { makeAccessible } from './a11y.ts';
import { fitPhones } from './phone.ts';

const deck = new Reveal({
  hash: true, // #/slide-id/step: a reload or a shared link lands on the same step
  fragmentInURL: true,
  history: false,
  controls: true,
  progress: true,
  center: false,
  width: 1280,
  height: 720,
  margin: 0.04,
});
makeAccessible(deck); // screen readers: main landmark, one announcement per step
fitPhones(deck); // phones: reveal's scroll view on a portrait stage that keeps text readable
void deck.initialize();
