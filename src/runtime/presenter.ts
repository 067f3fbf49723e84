// The presenter view: reveal.js's notes plugin, dressed in the deck's look (presenter-look.ts). `S`
// opens a speaker window with the current and next step, the `::: notes` of the slide in large
// text, elapsed time, a clock and the step count. The plugin is bundled and its
// window is written from memory (no URL is fetched), so it works offline and from file://.
// Readers never open it, so it is a chunk of its own, imported the first time it is needed (`S`,
// or a speaker window left open across a reload of the deck); the single-file export inlines it.
import type { NotesPlugin } from 'reveal.js/plugin/notes';
import type { RevealApi } from 'reveal.js';
import { stepNumber } from './slide-number.ts';

/** Query parameter that tells a preview which build step to open at. */
const STEP_PARAM = 'presenter-fragment';

/**
 * The speaker window previews the deck in iframes (`?receiver`) opened at `#/h/v`, without the
 * build step. The current preview reports its position back, and the notes window then moves
 * the audience's deck to it: opening the presenter view mid-slide would jump back to the slide's
 * first step. So `S` first puts the step into the URL the previews are opened with.
 */
export function openPresenterOnS(deck: RevealApi): void {
  // The previews (`?receiver`) never open a speaker window: the plugin does nothing there.
  if (new URLSearchParams(location.search).has('receiver')) return;
  let notes: Promise<NotesPlugin> | undefined;
  let dress: ((deck: RevealApi, popup?: Window | null) => void) | undefined;
  const loadNotes = () =>
    (notes ??= import('./presenter-look.ts').then(({ RevealNotes, dressSpeakerWindow }) => {
      dress = (deck, popup) => (popup === undefined ? dressSpeakerWindow(deck, stepNumber) : dressSpeakerWindow(deck, stepNumber, popup));
      const plugin = RevealNotes();
      deck.registerPlugin(plugin); // after initialize(), reveal.js initializes it at once
      bindS(); // its init binds S to its own open(), without the step in the URL
      return plugin;
    }));
  const bindS = () =>
    deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Presenter view (notes, next step, timer)' }, () => {
      const fragment = deck.getIndices().f;
      const page = location.href.split('#')[0]!;
      const url = typeof fragment === 'number' && fragment >= 0 ? `${page}${page.includes('?') ? '&' : '?'}${STEP_PARAM}=${fragment}` : page;
      // The plugin reads config.url when it opens (an option its types leave out); set it in place
      // rather than through configure(), which would re-sync the whole deck.
      (deck.getConfig() as { url?: string }).url = url;
      // A popup needs the key press's user activation, which outlasts a local import by seconds.
      void loadNotes().then((plugin) => {
        plugin.open();
        dress?.(deck); // the deck's look, the step count, the phone's QR code (presenter-look.ts)
      });
    });
  deck.on('ready', () => {
    bindS();
    // A speaker window outlives a reload of the deck and calls it back once a second (a
    // heartbeat); the plugin, once loaded, answers the next one and reconnects.
    const onHeartbeat = (event: MessageEvent) => {
      if (typeof event.data !== 'string' || !event.data.includes('"reveal-notes"') || !event.data.includes('"heartbeat"')) return;
      window.removeEventListener('message', onHeartbeat);
      void loadNotes().then(() => dress?.(deck, event.source as Window | null));
    };
    window.addEventListener('message', onHeartbeat);
    if (/(?:\?|&)notes/i.test(location.search)) void loadNotes(); // reveal.js's `?notes`: open at once
  });
}

/** In a preview: add the build step from the query to the `#/h/v` hash before reveal.js reads it. */
export function startPreviewAtStep(): void {
  const params = new URLSearchParams(location.search);
  const fragment = params.get(STEP_PARAM);
  if (!params.has('receiver') || fragment === null || !/^\d+$/.test(fragment)) return;
  if (/^#\/[^/]+\/\d+$/.test(location.hash)) history.replaceState(null, '', `${location.hash}/${fragment}`);
}

/** The events the speaker window passes on from the current preview to the deck. */
const REPORTED_EVENTS = ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed', 'previewiframe', 'previewimage', 'previewvideo', 'closeoverlay'];

/**
 * In a preview (the speaker window's iframes), two fixes to how they follow the deck:
 *
 * - The speaker window sends the first position (setState, then `next` for the "upcoming"
 *   preview) as soon as the *current* preview is ready. reveal.js drops messages that come before
 *   it is ready, and a preview still loading gets none: a slow "upcoming" preview would show the
 *   current step. Early messages are held and replayed once the deck is ready, and an upcoming
 *   preview that got none takes its own step forward (a later setState + next still sets it exactly).
 * - The current preview reports its moves so that keys pressed in the speaker window move the
 *   deck. It also reported where it opened and the moves the deck itself sent it; those reports
 *   arrive late (debounced) and, when the presenter clicks on meanwhile, send the deck back. So it
 *   reports only `ready` until the deck's first setState has placed it, and never a setState move.
 *
 * Registered before reveal.js's own message listener, so it sees each message first; and reveal.js
 * reads `postMessageEvents` after its event listeners ran, so a listener can decide per event.
 */
export function keepPreviewInStep(deck: RevealApi): void {
  const params = new URLSearchParams(location.search);
  if (!params.has('receiver')) return;
  // The notes plugin opens the current preview with postMessageEvents, the upcoming one with controls=false.
  const reportsMoves = params.has('postMessageEvents');
  const upcoming = params.get('controls') === 'false' && !reportsMoves;
  let ready = false;
  let placed = false; // by the deck's first setState
  let applyingState = false;
  const early: string[] = [];
  window.addEventListener('message', (event) => {
    if (typeof event.data !== 'string' || !event.data.startsWith('{"method"')) return;
    if (!ready) {
      event.stopImmediatePropagation();
      early.push(event.data);
    } else if (event.data.startsWith('{"method":"setState"')) {
      applyingState = true; // reveal.js's listener applies it next; the one added at `ready` ends it
    }
  });
  if (reportsMoves) {
    // getConfig() at event time: initialize() replaces the config object.
    deck.on('ready', () => (deck.getConfig().postMessageEvents = true));
    for (const type of REPORTED_EVENTS) deck.on(type, () => (deck.getConfig().postMessageEvents = placed && !applyingState));
  }
  deck.on('ready', () => {
    ready = true;
    // Listeners run in the order they were added: this one after reveal.js's.
    window.addEventListener('message', () => {
      if (applyingState) placed = true;
      applyingState = false;
    });
    if (early.length === 0 && upcoming) deck.next();
    for (const data of early) window.postMessage(data, '*');
  });
}
