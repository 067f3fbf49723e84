// The phone's remote (served by src/node/present/server.ts at /__present/remote/<secret>): a socket
// to the laptop, buttons and swipes that send next / prev / black, and the deck's state shown back:
// step count, next-step preview, notes, elapsed time and clock. It reconnects by itself (Wi-Fi
// drops, the screen locks) and then shows wherever the deck is. No imports: the server serves it
// as one script, its types stripped.

interface DeckState {
  state?: { indexh: number; indexv: number; indexf?: number; paused?: boolean };
  step?: string;
  notes?: string;
  elapsedMs?: number;
  decks?: number;
}

const secret = document.currentScript?.getAttribute('data-secret') ?? '';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const stepEl = $('step');
const statusEl = $('status');
const notesEl = $('notes');
const elapsedEl = $('elapsed');
const clockEl = $('clock');
const blackEl = $<HTMLButtonElement>('black');
const preview = document.querySelector<HTMLIFrameElement>('#preview iframe')!;

let socket: WebSocket | undefined;
let retry = 0;
let last: DeckState = {};
/** Where the elapsed time counts from, on this phone's clock (the server says how long it has run). */
let startedAt: number | undefined;

function connect(): void {
  if (socket && socket.readyState <= WebSocket.OPEN) return;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__present/socket?secret=${encodeURIComponent(secret)}`);
  socket = ws;
  ws.onopen = () => {
    retry = 0;
    statusEl.textContent = '';
  };
  ws.onmessage = (event) => {
    let message: DeckState;
    try {
      message = JSON.parse(String(event.data));
    } catch {
      return;
    }
    show(message);
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = undefined;
    statusEl.textContent = 'Reconnecting…';
    // Quickly at first, then every 2 s: the phone comes back on its own once the Wi-Fi does.
    setTimeout(connect, Math.min(2000, 250 * 2 ** retry++));
  };
}

function show(message: DeckState): void {
  last = message;
  if (message.decks === 0) statusEl.textContent = 'No deck open on the laptop';
  else if (socket?.readyState === WebSocket.OPEN) statusEl.textContent = '';
  if (message.step) stepEl.textContent = message.step;
  // The notes come from the deck's own page on the laptop, built and sanitized by the compiler.
  if (message.notes !== undefined && notesEl.innerHTML !== message.notes) notesEl.innerHTML = message.notes;
  blackEl.setAttribute('aria-pressed', String(message.state?.paused === true));
  if (message.elapsedMs) startedAt = Date.now() - message.elapsedMs;
  showNext();
}

/** The preview: the deck in a frame at the current step, then one step on (as the notes plugin does). */
function showNext(): void {
  const state = last.state;
  const win = preview.contentWindow;
  if (!state || !win || !preview.contentDocument?.querySelector('.reveal.ready')) return;
  win.postMessage(JSON.stringify({ method: 'setState', args: [{ indexh: state.indexh, indexv: state.indexv, indexf: state.indexf, paused: false }] }), location.origin);
  win.postMessage(JSON.stringify({ method: 'next' }), location.origin);
}
preview.addEventListener('load', () => {
  const waitReady = setInterval(() => {
    if (!preview.contentDocument?.querySelector('.reveal.ready')) return;
    clearInterval(waitReady);
    showNext();
  }, 100);
});
const fit = () => (preview.style.transform = `scale(${preview.parentElement!.clientWidth / 1280})`);
addEventListener('resize', fit);
fit();

function send(command: 'next' | 'prev' | 'black'): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ do: command }));
  else connect();
}
$('next').addEventListener('click', () => send('next'));
$('prev').addEventListener('click', () => send('prev'));
blackEl.addEventListener('click', () => send('black'));

// A horizontal swipe anywhere: right to left is Next, left to right Previous (as a page turns).
let touchStart: { x: number; y: number } | undefined;
addEventListener('touchstart', (event) => {
  const t = event.touches[0];
  touchStart = event.touches.length === 1 && t ? { x: t.clientX, y: t.clientY } : undefined;
}, { passive: true });
addEventListener('touchend', (event) => {
  const t = event.changedTouches[0];
  const from = touchStart;
  touchStart = undefined;
  if (!from || !t) return;
  const dx = t.clientX - from.x;
  if (Math.abs(dx) < 50 || Math.abs(dx) < Math.abs(t.clientY - from.y) * 1.5) return;
  send(dx < 0 ? 'next' : 'prev');
});

const pad = (n: number) => String(n).padStart(2, '0');
function tick(): void {
  const now = new Date();
  clockEl.textContent = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const s = startedAt === undefined ? 0 : Math.max(0, Math.floor((Date.now() - startedAt) / 1000));
  elapsedEl.textContent = `${s >= 3600 ? `${Math.floor(s / 3600)}:` : ''}${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
setInterval(tick, 1000);
tick();

// Back from a locked screen or another app: the socket may be dead without having said so.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  if (socket?.readyState === WebSocket.OPEN) socket.close(); // a fresh one lands on the current step
  socket = undefined;
  connect();
});
addEventListener('online', connect);
connect();
