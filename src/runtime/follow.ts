// Follow mode, under `npm run present` (src/node/present/server.ts): this window reports where it
// is (position, step count, the slide's notes) and follows where the laptop's other windows go;
// the phone's Next, Previous and black screen arrive as commands. Without a server, or when it
// goes away, the deck works from its own keys as ever, and the socket keeps trying to come back.
// A chunk of its own that imports nothing (the single-file export inlines such chunks): what the
// deck's bundle has comes in as arguments.
import type { RevealApi } from 'reveal.js';
import type { stepNumber as StepNumber } from './slide-number.ts';
import type { PointerAt, showPointer as ShowPointer } from './pointer.ts';

export interface FollowNeeds {
  stepNumber: typeof StepNumber;
  loadPointer: () => Promise<{ showPointer: typeof ShowPointer }>;
}

const REPORTED = ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed'];

export function follow(deck: RevealApi, token: string, { stepNumber, loadPointer }: FollowNeeds): void {
  let socket: WebSocket | undefined;
  let retry = 0;
  /** While a state from another window is applied, its events are not reported back. */
  let applying = false;

  const report = (own: boolean) => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    const [current, of, total] = stepNumber(deck);
    const notes = deck.getCurrentSlide()?.querySelector(':scope > aside.notes')?.innerHTML.trim() ?? '';
    socket.send(JSON.stringify({ state: deck.getState(), own, step: `${current} ${of} ${total}`, notes }));
  };
  for (const type of REPORTED) deck.on(type, () => !applying && report(true));

  const connect = () => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__present/socket?secret=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onopen = () => (retry = 0);
    ws.onmessage = (event) => {
      let message: { state?: Record<string, unknown> | null; do?: string; pointer?: PointerAt };
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (message.do === 'next') deck.next();
      else if (message.do === 'prev') deck.prev();
      else if (message.do === 'black') deck.togglePause();
      else if (message.pointer) void loadPointer().then((m) => m.showPointer(deck, message.pointer!));
      else if (message.state === null) report(false); // the first window: the server learns where the deck is
      else if (message.state) {
        const { overview: _, ...state } = message.state; // each window keeps its own overview
        applying = true;
        try {
          deck.setState(state as unknown as ReturnType<RevealApi["getState"]>);
        } finally {
          applying = false;
        }
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      setTimeout(connect, Math.min(3000, 250 * 2 ** retry++));
    };
  };
  addEventListener('deck:pointer', (event) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ pointer: (event as CustomEvent<PointerAt>).detail }));
  });
  connect();
}
