// Records the guide's small video (slides/media/orbit.webm, a few seconds of a dot going round)
// in Chromium: a canvas drawn frame by frame, captured by MediaRecorder as VP8 WebM. No ffmpeg
// needed. Run once: `npx tsx scripts/make-guide-video.ts`; the file is committed, with its
// poster (slides/media/orbit-poster.png, the first frame, drawn the same way by sharp).
import { writeFileSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { launchOptions } from '../src/node/chromium.ts';

const OUT = 'slides/media';
mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch(launchOptions());
const page = await browser.newPage();
// (As text: tsx would name the arrow functions with a helper the page does not have.)
const base64 = (await page.evaluate(`(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext('2d');
  const draw = (t) => {
    context.fillStyle = '#fffdf8';
    context.fillRect(0, 0, 640, 360);
    context.strokeStyle = '#e7dfd2';
    context.lineWidth = 10;
    context.beginPath();
    context.arc(320, 180, 120, 0, 2 * Math.PI);
    context.stroke();
    context.fillStyle = '#a3252b';
    context.beginPath();
    context.arc(320 + 120 * Math.cos(t * 2 * Math.PI), 180 + 120 * Math.sin(t * 2 * Math.PI), 26, 0, 2 * Math.PI);
    context.fill();
  };
  draw(0);
  const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 300000 });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  const start = performance.now();
  await new Promise((resolve) => {
    const frame = () => {
      const t = (performance.now() - start) / 3000;
      draw(t % 1);
      if (t < 1) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
})()`)) as string;
await browser.close();
writeFileSync(`${OUT}/orbit.webm`, Buffer.from(base64, 'base64'));
const poster = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#fffdf8"/><circle cx="320" cy="180" r="120" fill="none" stroke="#e7dfd2" stroke-width="10"/><circle cx="440" cy="180" r="26" fill="#a3252b"/></svg>`;
await sharp(Buffer.from(poster)).png().toFile(`${OUT}/orbit-poster.png`);
