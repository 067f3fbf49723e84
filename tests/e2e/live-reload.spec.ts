// An author edits Markdown with the deck open beside it: the dev server (started here, on its
// own port, over temporary copies of the decks) must show each save in place, on the same slide
// and step, show errors in Vite's overlay with file:line:column, and recover on the next good save.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { visibleLines } from './visible.ts';

// What these tests hold is what a save does, not how fast (npm run bench measures that): on a
// loaded 2-core machine the dev server's answer to a save (a recompile, and all slides when one is
// removed) has taken over Playwright's default 5 s, and one such wait failed the serial run.
const expect = baseExpect.configure({ timeout: 15_000 });

// The preview server uses E2E_PORT and the sub-path test's server the next one; the dev server
// takes the one after unless told otherwise.
const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 2);
const DEV_URL = `http://127.0.0.1:${DEV_PORT}/`;
const TALK = 'collaborations-in-ml.md';

test.describe.configure({ mode: 'serial' });

let decks: string;
let server: ChildProcess | undefined;
let original: string;

const talkFile = () => path.join(decks, TALK);
const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

test.beforeAll(async () => {
  decks = mkdtempSync(path.join(tmpdir(), 'live-reload-'));
  cpSync('slides', decks, { recursive: true });
  writeFileSync(path.join(decks, 'second.md'), '## Second deck\n\nIts own words {.fragment}\n');
  original = readFileSync(talkFile(), 'utf8');
  server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(DEV_PORT), '--strictPort', '--host', '127.0.0.1'], {
    env: { ...process.env, DECKS_DIR: decks },
    stdio: 'pipe',
  });
  let log = '';
  server.stdout?.on('data', (chunk) => (log += chunk));
  server.stderr?.on('data', (chunk) => (log += chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(DEV_URL)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`dev server did not start on ${DEV_URL}:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

test.afterAll(() => {
  if (server?.pid) server.kill();
  rmSync(decks, { recursive: true, force: true });
});

test.beforeEach(() => {
  // Restore the talk only when a test changed it: a needless save would reach the next test's page.
  if (readFileSync(talkFile(), 'utf8') !== original) writeFileSync(talkFile(), original);
});

/** Opens the talk on the dev server and marks the page, so a full reload would be noticed. */
async function openAt(page: Page, hash: string): Promise<void> {
  await page.goto(`${DEV_URL}${hash}`);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

/** Which slide is shown (its position and id), how many of its steps are shown, and whether the page was reloaded. */
async function position(page: Page) {
  return page.evaluate(() => {
    const slides = [...document.querySelectorAll('.slides > section')];
    const present = document.querySelector('.slides > section.present');
    const shown = [...(present?.querySelectorAll('.fragment.visible[data-fragment-index]') ?? [])].map((el) => Number(el.getAttribute('data-fragment-index')) + 1);
    return {
      h: present ? slides.indexOf(present) : -1,
      f: Math.max(0, ...shown),
      id: present?.id,
      sameDocument: (window as unknown as { sameDocument?: boolean }).sameDocument === true,
    };
  });
}

test('editing the open slide shows the change in place, on the same slide and step', async ({ page }) => {
  await openAt(page, '#/why-we-collaborate');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/why-we-collaborate\/1$/);
  const before = await position(page);
  edit(talkFile(), (text) => text.replace('It incurs lots of peripheral costs.', 'It incurs lots of peripheral costs (edited).'));
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('It incurs lots of peripheral costs (edited).');
  expect(await position(page)).toEqual(before);
  expect(before.sameDocument).toBe(true);
  await expect(page).toHaveURL(/#\/why-we-collaborate\/1$/);
});

test('a save replaces only the content of the slides it changed, and keeps the step', async ({ page }) => {
  await openAt(page, '#/why-we-collaborate');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  const before = await position(page);
  // Mark every slide and its content: a save must keep every <section> (reveal.js's state is on
  // them) and the content of all but the edited one. (The first save too: the page's own slides
  // are the version the dev server diffs against.)
  await page.evaluate(() =>
    document.querySelectorAll('.slides > section').forEach((s) => {
      (s as unknown as { kept: boolean }).kept = true;
      (s.firstElementChild as unknown as { kept: boolean }).kept = true;
    }),
  );
  for (const [from, to, seen] of [
    ['It incurs lots of peripheral costs.', 'It incurs lots of peripheral costs (one).', '(one)'],
    ['(one)', '(two)', '(two)'],
  ]) {
    edit(talkFile(), (text) => text.replace(from!, to!));
    await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain(seen);
  }
  const kept = await page.evaluate(() =>
    [...document.querySelectorAll('.slides > section')].map((s) => ({
      section: (s as unknown as { kept?: boolean }).kept === true,
      content: (s.firstElementChild as unknown as { kept?: boolean } | null)?.kept === true,
    })),
  );
  expect(kept.every((k) => k.section)).toBe(true);
  expect(kept.filter((k) => !k.content)).toHaveLength(1);
  expect(kept[before.h]!.content).toBe(false);
  expect(await position(page)).toEqual(before);
  await expect(page).toHaveURL(/#\/why-we-collaborate\/1$/);
  // Its steps still step: PageUp hides the last one shown.
  await page.keyboard.press('PageUp');
  expect(await position(page)).toEqual({ ...before, f: before.f - 1 });
});

test('a save made while the page was still loading its live-reload script is shown once it loads', async ({ page }) => {
  // The script is held back, and the save lands in that gap: the dev server sent its update before
  // anything listened. When it starts, the page says which version it shows and gets the newer one.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/src/runtime/live-reload.ts*', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${DEV_URL}#/why-we-collaborate`);
  await page.locator('.reveal.ready').waitFor();
  edit(talkFile(), (text) => text.replace('### Why We DON’T Collaborate', '### Why We DON’T Collaborate (saved early)'));
  // (The dev server waits for a save to settle, then compiles.)
  await page.waitForTimeout(1500);
  release();
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('(saved early)');
});

test('a save that adds a step to another slide updates the step counter, and keeps the place', async ({ page }) => {
  await openAt(page, '#/why-we-collaborate');
  await page.keyboard.press('PageDown');
  const before = await position(page);
  const total = async () => Number(await page.locator('.slide-number .slide-number-b').textContent());
  const totalBefore = await total();
  edit(talkFile(), (text) => text.replace('I think you should at least consider it.', 'I think you should at least consider it. {.fragment}'));
  await expect.poll(total).toBe(totalBefore + 1);
  expect(await position(page)).toEqual(before);
});

test('renaming the open slide keeps its position; removing steps lands on the nearest one', async ({ page }) => {
  await openAt(page, '#/why-we-collaborate-2');
  for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
  const before = await position(page);
  expect(before.f).toBe(3);
  // The step counter's "of N" counts every slide's steps.
  const total = async () => Number(await page.locator('.slide-number .slide-number-b').textContent());
  const totalBefore = await total();
  // Step 3 of the slide is drawn by its figure: moved to step 2, the slide loses its last step.
  edit(path.join(decks, 'figures', 'choice.svg'), (svg) => svg.replace('data-step="3"', 'data-step="2"'));
  // A new heading gives the slide a new id; it is found by its position instead.
  edit(talkFile(), (text) =>
    text.replace(
      '## Now, for those with a choice, why should they choose to collaborate widely?\n\n![Individually',
      '## Why collaborate widely? (edited)\n\n![Individually',
    ),
  );
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('Why collaborate widely? (edited)');
  await expect.poll(async () => (await position(page)).f).toBe(2);
  const after = await position(page);
  expect(after.h).toBe(before.h);
  expect(after.sameDocument).toBe(true);
  // Step 3 no longer exists: the deck shows the last step that does.
  expect(after.f).toBe(2);
  expect(await total()).toBe(totalBefore - 1);
  expect((await visibleLines(page)).join('\n')).toContain('powerful');
});

test('removing a slide before the open one keeps the open slide and step', async ({ page }) => {
  await openAt(page, '#/my-collaboration-story/0');
  const before = await position(page);
  expect(before.f).toBe(1);
  const removed = original.indexOf('## Why We ~~Collaborate~~\n\n### Why We DON’T Collaborate\n\nI get it.');
  edit(talkFile(), (text) => text.slice(0, removed) + text.slice(text.indexOf('---', removed) + 4));
  await expect.poll(async () => (await position(page)).h).toBe(before.h - 1);
  expect(await position(page)).toEqual({ ...before, h: before.h - 1 });
});

test('a save seen half-written (empty, then cut off) does not lose the place', async ({ page }) => {
  await openAt(page, '#/my-collaboration-story/0');
  const before = await position(page);
  const edited = original.replace('Until it suddenly turned into a jungle gym', 'Until it suddenly turned into a jungle gym (edited)');
  writeFileSync(talkFile(), '');
  await page.waitForTimeout(300);
  writeFileSync(talkFile(), edited.slice(0, edited.indexOf('## My collaboration story')));
  await page.waitForTimeout(300);
  writeFileSync(talkFile(), edited);
  // (The edited line is the slide's next step: in the page, not yet visible.)
  await expect(page.locator('.slides > section.present')).toContainText('jungle gym (edited)');
  expect(await position(page)).toEqual(before);
});

test('editing the front matter updates the title slide', async ({ page }) => {
  await openAt(page, '');
  edit(talkFile(), (text) => text.replace('subtitle: why do we even care', 'subtitle: why do we even care (edited)'));
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('why do we even care (edited)');
  await expect(page).toHaveTitle(/\(edited\)/);
  expect((await position(page)).sameDocument).toBe(true);
});

test('a mistake shows in Vite’s overlay with file, line and column, and the next good save recovers', async ({ page }) => {
  await openAt(page, '#/my-collaboration-story');
  await page.keyboard.press('PageDown');
  const before = await position(page);
  const line = original.split('\n').findIndex((l) => l.startsWith('My life followed a ladder')) + 1;
  edit(talkFile(), (text) => text.replace('My life followed a ladder {.fragment}', 'My life followed a ladder {.fragmnt}'));
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toBeAttached();
  const message = await overlay.evaluate((el) => el.shadowRoot?.textContent ?? '');
  expect(message).toContain(`${TALK}:${line}:28: error: unknown class ".fragmnt"; did you mean ".fragment"?`);
  // The deck underneath keeps its last good slides and position.
  expect(await position(page)).toEqual(before);
  edit(talkFile(), (text) => text.replace('My life followed a ladder {.fragmnt}', 'My life followed a ladder (fixed) {.fragment}'));
  await expect(overlay).toHaveCount(0);
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('My life followed a ladder (fixed)');
  expect(await position(page)).toEqual(before);
});

test('a page that missed a version of the slides (another page of the deck was opened) asks for them all', async ({ page, context }) => {
  await openAt(page, '#/my-collaboration-story');
  await page.keyboard.press('PageDown');
  const before = await position(page);
  // Opened while the deck has an error, the second page shows slides the first one never got.
  edit(talkFile(), (text) => text.replace('My life followed a ladder {.fragment}', 'My life followed a ladder {.fragmnt}'));
  await expect(page.locator('vite-error-overlay')).toBeAttached();
  const other = await context.newPage();
  await other.goto(`${DEV_URL}#/my-collaboration-story/1`);
  await other.locator('.reveal.ready').waitFor();
  edit(talkFile(), (text) => text.replace('My life followed a ladder {.fragmnt}', 'My life followed a ladder (fixed) {.fragment}'));
  for (const each of [other, page]) await expect.poll(async () => (await visibleLines(each)).join('\n')).toContain('My life followed a ladder (fixed)');
  await expect(page.locator('vite-error-overlay')).toHaveCount(0);
  expect(await position(page)).toEqual(before);
});

/** Resolves on the next CSS hot update the page applies (Vite's client logs each one). */
function nextCssUpdate(page: Page): Promise<void> {
  return new Promise((resolve) => {
    const onLog = (message: { text(): string }) => {
      if (!/hot updated: \S*\.css/.test(message.text())) return;
      page.off('console', onLog);
      resolve();
    };
    page.on('console', onLog);
  });
}

// A save that also changes which characters the decks use re-cuts the fonts, and the CSS update
// that follows made Vite's client clear the overlay (or, as the page's first update, reload the
// page into the broken deck).
test('the overlay stays while the deck has errors, through the font re-cut a save brings', async ({ page }) => {
  await openAt(page, '#/my-collaboration-story');
  await page.keyboard.press('PageDown');
  const before = await position(page);
  let cut = nextCssUpdate(page);
  edit(talkFile(), (text) => text.replace('My life followed a ladder {.fragment}', 'My life followed a ladder (café) {.fragment}'));
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('(café)');
  await cut;
  cut = nextCssUpdate(page);
  edit(talkFile(), (text) => text.replace('My life followed a ladder (café) {.fragment}', 'My life followed a ladder (cafe) {.fragmnt}'));
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toBeAttached();
  await cut;
  await page.waitForTimeout(500);
  await expect(overlay).toBeAttached();
  expect(await overlay.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('unknown class ".fragmnt"');
  expect(await position(page)).toEqual(before);
  edit(talkFile(), (text) => text.replace('My life followed a ladder (cafe) {.fragmnt}', 'My life followed a ladder (fixed) {.fragment}'));
  await expect(overlay).toHaveCount(0);
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('My life followed a ladder (fixed)');
});

test('a broken save as the page’s first update does not reload the page into the broken deck', async ({ page }) => {
  await openAt(page, '#/my-collaboration-story');
  await page.keyboard.press('PageDown');
  const before = await position(page);
  const cut = nextCssUpdate(page);
  edit(talkFile(), (text) => text.replace('My life followed a ladder {.fragment}', 'My life followed a ladder (naïve) {.fragmnt}'));
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toBeAttached();
  // (A reload instead of the CSS update is the failure this test is for.)
  await Promise.race([cut, page.waitForEvent('framenavigated')]);
  await page.waitForTimeout(500);
  await page.locator('.reveal.ready').waitFor();
  await expect(overlay).toBeAttached();
  // Same page, same place, its last good slides.
  expect(await position(page)).toEqual(before);
  expect((await visibleLines(page)).join('\n')).not.toContain('naïve');
});

test('a deck opened with an error shows the overlay at once; the dev server keeps serving', async ({ page }) => {
  edit(talkFile(), (text) => text.replace('::: replace', '::: replcae'));
  await page.goto(DEV_URL);
  await page.locator('.reveal.ready').waitFor();
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toBeAttached();
  expect(await overlay.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('did you mean "::: replace"?');
  writeFileSync(talkFile(), original);
  await expect(overlay).toHaveCount(0);
});

test('every deck in the folder has its own page at /<name>/, updated on its own', async ({ page }) => {
  await page.goto(`${DEV_URL}second`);
  await expect(page).toHaveURL(new RegExp(`^${DEV_URL}second/(#.*)?$`));
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('Second deck');
  edit(talkFile(), (text) => text.replace('It incurs lots of peripheral costs.', 'Edited elsewhere.'));
  edit(path.join(decks, 'second.md'), (text) => text.replace('Second deck', 'Second deck (edited)'));
  await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('Second deck (edited)');
  expect((await visibleLines(page)).join('\n')).not.toContain('Edited elsewhere.');
  expect((await position(page)).sameDocument).toBe(true);
});

test('adding a missing figure clears its error without a reload', async ({ page }) => {
  const second = path.join(decks, 'second.md');
  writeFileSync(second, '## Second deck\n\n![A ladder](figures/ladder-test.svg)\n');
  await page.goto(`${DEV_URL}second/`);
  await page.locator('.reveal.ready').waitFor();
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toBeAttached();
  expect(await overlay.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('second.md:3:13: error: figure figures/ladder-test.svg: file not found');
  mkdirSync(path.join(decks, 'figures'), { recursive: true });
  writeFileSync(
    path.join(decks, 'figures/ladder-test.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>A ladder</title><desc>A ladder, drawn.</desc><path d="M1 1 V9"/></svg>',
  );
  await expect(page.locator('.reveal .slides svg[role="img"]')).toHaveCount(1);
  await expect(overlay).toHaveCount(0);
  expect((await position(page)).sameDocument).toBe(true);
});

test('an address that is no deck, or a deck whose name cannot be an address, is a 404 saying why, never the talk', async ({ page }) => {
  writeFileSync(path.join(decks, 'my_talk.md'), '## My talk\n');
  try {
    for (const [address, why] of [
      ['my_talk/', 'my_talk.md:1:1: error: the deck\'s name "my_talk" cannot be its address'],
      ['my_talk', 'my_talk.md:1:1: error: the deck\'s name "my_talk" cannot be its address'],
      ['no-such-deck/', 'no deck is named "no-such-deck"'],
    ] as const) {
      const response = await page.goto(`${DEV_URL}${address}`);
      expect(response?.status(), address).toBe(404);
      const text = await page.locator('body').innerText();
      expect(text, address).toContain(why);
      expect(text, address).not.toContain('Collaborations in ML');
    }
    // The decks that are fine are listed, and still served.
    await page.locator('a[href="/second/"]').click();
    await page.locator('.reveal.ready').waitFor();
    await expect.poll(async () => (await visibleLines(page)).join('\n')).toContain('Second deck');
  } finally {
    rmSync(path.join(decks, 'my_talk.md'));
  }
});

test('a deck’s first formula reloads its page, which then draws it with KaTeX; the next formulas come in place', async ({ page }) => {
  const second = path.join(decks, 'second.md');
  const before = readFileSync(second, 'utf8');
  try {
    await page.goto(`${DEV_URL}second/`);
    await page.locator('.reveal.ready').waitFor();
    // A page without formulas has nothing of KaTeX.
    expect(await page.evaluate(() => document.querySelectorAll('style[data-deck-math]').length)).toBe(0);
    writeFileSync(second, `${before}\n$$ \\sum_i x_i $$\n`);
    await expect(page.locator('section.present .katex-display')).toBeVisible();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    expect(await page.evaluate(() => document.querySelectorAll('style[data-deck-math]').length)).toBe(1);
    writeFileSync(second, `${before}\n$$ \\sum_i x_i $$\n\nAnd $\\mathbb{R}$\n`);
    await expect(page.locator('section.present .katex')).toHaveCount(2);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family))).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_AMS', 'KaTeX_Size2']));
  } finally {
    writeFileSync(second, before);
  }
});

test('a deck’s first QR code (front matter qr:) reloads its page, which then has the code’s sheet', async ({ page }) => {
  const second = path.join(decks, 'second.md');
  const before = readFileSync(second, 'utf8');
  try {
    await page.goto(`${DEV_URL}second/`);
    await page.locator('.reveal.ready').waitFor();
    expect(await page.locator('style[data-deck="qr"]').count()).toBe(0);
    writeFileSync(second, `---\ntitle: Second\nqr: https://example.org/second/\n---\n\n${before}`);
    await expect(page.locator('section.title-slide figure.deck-qr > svg')).toBeVisible();
    await expect(page.locator('style[data-deck="qr"]')).toHaveCount(1);
    // Drawn by the sheet: on the right of the stage, not in the flow under the title.
    await expect(page.locator('section.title-slide > figure.deck-qr')).toHaveCSS('position', 'absolute');
  } finally {
    writeFileSync(second, before);
  }
});

test('editing the bibliography updates the citing slide’s footer in place (citations)', async ({ page }) => {
  const bib = path.join(decks, 'guide.bib');
  const before = readFileSync(bib, 'utf8');
  try {
    await page.goto(`${DEV_URL}guide/#/citations`);
    await page.locator('.reveal.ready').waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const footer = page.locator('section.present > footer.cite-footer');
    await expect(footer).toContainText('Deep Residual Learning for Image Recognition');
    // A just-started watcher may miss the first save (as in the code spec): save until it is seen.
    await expect
      .poll(async () => {
        edit(bib, (text) => text.replace(/Deep Residual Learning for Image Recognition(, edited)*/, 'Deep Residual Learning for Image Recognition, edited'));
        return footer.textContent();
      }, { timeout: 20_000 })
      .toContain('Deep Residual Learning for Image Recognition, edited');
    expect((await position(page)).id).toBe('citations');
    expect((await position(page)).sameDocument).toBe(true);
  } finally {
    writeFileSync(bib, before);
  }
});

test('a slide that does not fit is named with its file and line as the author looks at it, and the note goes when a save makes it fit', async ({ page }) => {
  const second = path.join(decks, 'second.md');
  const before = readFileSync(second, 'utf8');
  const items = (n: number) => Array.from({ length: n }, (_, i) => `- item ${i + 1}`).join('\n');
  try {
    // Line 7 is the heading of the slide that does not fit.
    writeFileSync(second, `## Fits\n\nA short line.\n\n---\n\n## Too long\n\n${items(30)}\n`);
    await page.goto(`${DEV_URL}second/#/too-long`);
    await page.locator('.reveal.ready').waitFor();
    const note = page.locator('#deck-overflow-note');
    await expect(note).toContainText(/This slide does not fit: .*second\.md:7/);
    await expect(note).toContainText('past the bottom of the slide');
    // Its button asks Vite to open the editor at that line.
    const opened = page.waitForRequest((request) => request.url().includes('/__open-in-editor'));
    await page.route('**/__open-in-editor**', (route) => route.fulfill({ status: 200, body: '' }));
    await note.getByRole('button', { name: 'Open in editor' }).click();
    expect(decodeURIComponent(new URL((await opened).url()).searchParams.get('file') ?? '')).toMatch(/second\.md:7$/);
    // The slide before fits: no note there; back on the long one, it comes back.
    await page.keyboard.press('ArrowLeft');
    await expect(note).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expect(note).toContainText('second.md:7');
    // A save that makes it fit takes the note away, with no move or reload.
    writeFileSync(second, `## Fits\n\nA short line.\n\n---\n\n## Too long\n\n${items(5)}\n`);
    await expect(page.locator('section.present li')).toHaveCount(5);
    await expect(note).toHaveCount(0);
  } finally {
    writeFileSync(second, before);
  }
});

test('the built site has none of the dev server’s notes', () => {
  const assets = path.join('dist', 'assets');
  for (const file of readdirSync(assets).filter((name) => name.endsWith('.js'))) {
    expect(readFileSync(path.join(assets, file), 'utf8'), file).not.toContain('deck-overflow-note');
  }
});

test('an edited auto-animate slide still animates from the slide before', async ({ page }) => {
  const guide = path.join(decks, 'guide.md');
  const before = readFileSync(guide, 'utf8');
  try {
    await page.goto(`${DEV_URL}guide/#/animate-from-slide-to-slide-2`);
    await page.locator('.reveal.ready').waitFor();
    writeFileSync(guide, before.replace('- Loss\n', '- Loss, edited\n'));
    await expect(page.locator('section.present li').last()).toHaveText('Loss, edited');
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('section.present')).toHaveId('animate-from-slide-to-slide');
    await page.keyboard.press('ArrowRight');
    // reveal.js pairs "Model" with the first slide's and moves it (a transition on its transform).
    const model = page.locator('section.present li', { hasText: 'Model' });
    await expect(model).toHaveAttribute('data-auto-animate-target', /\d/);
    await expect(page.locator('section.present')).toHaveAttribute('data-auto-animate', 'running');
  } finally {
    writeFileSync(guide, before);
  }
});
