// Browser entry: the slides are already in the page; this only starts reveal.js.
import Reveal from 'reveal.js';
import 'reveal.js/reveal.css';
import '../theme/index.css';

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
void deck.initialize();
if (import.meta.env.DEV) void import('./live-reload.ts').then(({ followDeckEdits }) => followDeckEdits(deck)); // keep your place on edits
