// Ink (D): draw on the slide with the mouse, a pen or a finger. A drawing belongs to its step: it
// goes when the deck leaves the step and is back when the deck returns; C clears it. The canvas
// lies on reveal.js's stage, in slide pixels, so it scales with the slide.
import type { RevealApi } from 'reveal.js';

type Stroke = { points: number[]; width: number };
const RESOLUTION = 2; // canvas pixels per slide pixel: sharp on a projector
const COLOR = '#e0182d';

let canvas: HTMLCanvasElement | undefined;
let drawing = false;
let deckRef: RevealApi | undefined;
const strokes = new Map<string, Stroke[]>();

const stepKey = (deck: RevealApi) => {
  const { h, v, f } = deck.getIndices();
  return `${h}/${v ?? 0}/${typeof f === 'number' ? f : -1}`;
};

function redraw(): void {
  if (!canvas || !deckRef) return;
  const context = canvas.getContext('2d')!;
  context.setTransform(RESOLUTION, 0, 0, RESOLUTION, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = COLOR;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes.get(stepKey(deckRef)) ?? []) {
    context.lineWidth = stroke.width;
    context.beginPath();
    for (let i = 0; i < stroke.points.length; i += 2) context[i ? 'lineTo' : 'moveTo'](stroke.points[i]!, stroke.points[i + 1]!);
    if (stroke.points.length === 2) context.lineTo(stroke.points[0]! + 0.1, stroke.points[1]!);
    context.stroke();
  }
}

function setUp(deck: RevealApi): HTMLCanvasElement {
  if (canvas) return canvas;
  deckRef = deck;
  const config = deck.getConfig();
  const width = Number(config.width) || 1280;
  const height = Number(config.height) || 720;
  canvas = document.createElement('canvas');
  canvas.className = 'deck-ink';
  canvas.setAttribute('aria-hidden', 'true');
  canvas.width = width * RESOLUTION;
  canvas.height = height * RESOLUTION;
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', width: `${width}px`, height: `${height}px`, zIndex: '30', pointerEvents: 'none', touchAction: 'none', cursor: 'crosshair' });
  deck.getSlidesElement()?.append(canvas);
  let stroke: Stroke | undefined;
  const at = (event: PointerEvent) => {
    const rect = canvas!.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * width, ((event.clientY - rect.top) / rect.height) * height];
  };
  canvas.addEventListener('pointerdown', (event) => {
    if (!drawing || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    canvas!.setPointerCapture(event.pointerId);
    // A pen draws finer when pressed lightly; a mouse or finger draws at one width.
    stroke = { points: at(event), width: event.pointerType === 'pen' ? 2 + 6 * (event.pressure || 0.5) : 5 };
    const key = stepKey(deck);
    strokes.set(key, [...(strokes.get(key) ?? []), stroke]);
    redraw();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!stroke) return;
    stroke.points.push(...at(event));
    redraw();
  });
  const end = () => (stroke = undefined);
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden']) deck.on(event, redraw);
  return canvas;
}

export function toggleInk(deck: RevealApi): void {
  const element = setUp(deck);
  drawing = !drawing;
  element.style.pointerEvents = drawing ? 'auto' : 'none';
  deck.getRevealElement()?.classList.toggle('deck-inking', drawing);
}

export function clearInk(): void {
  if (!deckRef) return;
  strokes.delete(stepKey(deckRef));
  redraw();
}

/** For the tests: strokes on the current step. */
export const inkOnStep = () => (deckRef ? strokes.get(stepKey(deckRef))?.length ?? 0 : 0);
