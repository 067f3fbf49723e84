// Draws the guide's pictures (slides/plots/): a loss curve drawn by code (an SVG written here,
// rasterized by sharp at 4000×3000, as matplotlib would save it at 400 dpi), its dark variant,
// a photo-like raster (smooth light and grain, as a camera gives), and a small animated GIF.
// Run once: `npx tsx scripts/make-guide-media.ts`; the files are committed. (The video is
// recorded by scripts/make-guide-video.ts.)
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';

const OUT = 'slides/plots';
mkdirSync(OUT, { recursive: true });

function lossSvg(dark: boolean): string {
  const [bg, ink, grid, a, b] = dark ? ['#15171c', '#eeebe4', '#343841', '#ff9c8f', '#9cc1ff'] : ['#ffffff', '#1c1b1a', '#e7dfd2', '#a3252b', '#1e4f9f'];
  const W = 800, H = 600, x0 = 90, y0 = 520, w = 670, h = 460;
  const curve = (f: (t: number) => number, seed: number) => {
    let d = '';
    for (let i = 0; i <= 200; i++) {
      const t = i / 200;
      const noise = Math.sin(i * 12.9898 + seed) * 43758.5453;
      const y = f(t) + 0.02 * (noise - Math.floor(noise) - 0.5);
      d += `${i ? 'L' : 'M'}${(x0 + t * w).toFixed(1)},${(y0 - y * h).toFixed(1)}`;
    }
    return d;
  };
  const lines = [0.25, 0.5, 0.75].map((v) => `<line x1="${x0}" x2="${x0 + w}" y1="${y0 - v * h}" y2="${y0 - v * h}" stroke="${grid}" stroke-width="2"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="${bg}"/>${lines}
<path d="M${x0},${y0 - h}V${y0}H${x0 + w}" fill="none" stroke="${ink}" stroke-width="3"/>
<path d="${curve((t) => 0.9 * Math.exp(-4 * t) + 0.08, 1)}" fill="none" stroke="${a}" stroke-width="5"/>
<path d="${curve((t) => 0.92 * Math.exp(-2.5 * t) + 0.18, 7)}" fill="none" stroke="${b}" stroke-width="5" stroke-dasharray="14 8"/>
<g font-family="sans-serif" font-size="30" fill="${ink}">
<text x="${x0 + w / 2}" y="575" text-anchor="middle">training step</text>
<text x="30" y="${y0 - h / 2}" transform="rotate(-90 30 ${y0 - h / 2})" text-anchor="middle">loss</text>
<text x="${x0 + w - 10}" y="${y0 - 0.2 * h}" text-anchor="end" fill="${a}">train</text>
<text x="${x0 + w - 10}" y="${y0 - 0.4 * h}" text-anchor="end" fill="${b}">validation</text>
</g></svg>`;
}

for (const dark of [false, true]) {
  await sharp(Buffer.from(lossSvg(dark)), { density: 72 * 5 })
    .resize(4000, 3000)
    .png()
    .toFile(`${OUT}/loss${dark ? '-dark' : ''}.png`);
}

// A photo-like picture: a window's light falling on a wall and a bench (smooth shapes, soft
// shadows, a lens's falloff at the corners and a camera's grain), all drawn, blurred and noised.
const W = 2400, H = 1600;
const scene = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<defs><linearGradient id="wall" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c9b79c"/><stop offset="1" stop-color="#6f5f4f"/></linearGradient>
<radialGradient id="sun" cx="0.3" cy="0.35" r="0.5"><stop offset="0" stop-color="#fff4d6" stop-opacity="0.9"/><stop offset="1" stop-color="#fff4d6" stop-opacity="0"/></radialGradient>
<radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/></radialGradient></defs>
<rect width="${W}" height="${H}" fill="url(#wall)"/>
<rect x="300" y="200" width="700" height="820" fill="#dfe9ef"/><rect x="640" y="200" width="20" height="820" fill="#8a7a66"/><rect x="300" y="600" width="700" height="20" fill="#8a7a66"/>
<rect width="${W}" height="${H}" fill="url(#sun)"/>
<rect x="0" y="1150" width="${W}" height="450" fill="#4b3b2f"/>
<rect x="1250" y="880" width="900" height="90" rx="12" fill="#2f4f5f"/><rect x="1300" y="970" width="40" height="260" fill="#22343e"/><rect x="2060" y="970" width="40" height="260" fill="#22343e"/>
<circle cx="1500" cy="800" r="70" fill="#a3252b"/><rect x="1700" y="700" width="180" height="180" rx="10" fill="#e6c15a"/><rect x="1920" y="760" width="120" height="120" rx="10" fill="#3f7f5f"/>
<rect width="${W}" height="${H}" fill="url(#vignette)"/></svg>`;
const light = await sharp(Buffer.from(scene)).blur(6).raw().toBuffer();
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < light.length; i++) light[i] = Math.max(0, Math.min(255, light[i]! + (random() - 0.5) * 14));
await sharp(light, { raw: { width: W, height: H, channels: 4 } }).removeAlpha().jpeg({ quality: 90 }).toFile(`${OUT}/lab.jpg`);

// An animated GIF: a dot going round, 12 frames.
const frames = [];
for (let k = 0; k < 12; k++) {
  const angle = (k / 12) * 2 * Math.PI;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" fill="#fffdf8"/><circle cx="120" cy="120" r="80" fill="none" stroke="#e7dfd2" stroke-width="8"/><circle cx="${120 + 80 * Math.cos(angle)}" cy="${120 + 80 * Math.sin(angle)}" r="20" fill="#a3252b"/></svg>`;
  frames.push(await sharp(Buffer.from(svg)).png().toBuffer());
}
await sharp(frames, { join: { animated: true } }).gif({ delay: 100, loop: 0 }).toFile(`${OUT}/orbit.gif`);
