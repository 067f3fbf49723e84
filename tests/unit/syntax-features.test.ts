// Syntax features declare what they add; the checks, suggestions, front matter and docs derive
// from the declarations. A toy feature declared here (as CONTRIBUTING.md's worked example) gets
// all of it without a line changed anywhere else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MarkdownIt } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { createEnv, type DeckEnv } from '../../src/core/env.ts';
import { formatDiagnostic } from '../../src/core/format.ts';
import { createMarkdown } from '../../src/core/markdown.ts';
import { oneOf } from '../../src/core/meta.ts';
import { STEPS } from '../../src/core/phases.ts';
import { innerSteps, markInnerSteps } from '../../src/core/steps/fragment-meta.ts';
import { containerParams, declareSyntax, syntaxOf } from '../../src/core/syntax/feature.ts';
import { REFERENCE_END, REFERENCE_START, syntaxReference } from '../../src/core/syntax/reference.ts';
import { parseStep } from '../../src/core/steps/step-number.ts';

/**
 * The toy: `::: reveal-list` shows its list's items one step after another, from `step=N`;
 * `{.wobble}` is a marker class, `{wobble-speed=…}` an attribute, `wobble:` a front-matter key.
 */
function toyFeature(md: MarkdownIt): void {
  declareSyntax(md, {
    feature: 'reveal list',
    containers: [
      {
        name: 'reveal-list',
        summary: 'its list items appear one step after another',
        params: { step: 'step' },
        render: (token) => (token.nesting === 1 ? `<div class="reveal-list" data-item-steps="${innerSteps(token).map((m) => m.index).join(' ')}">\n` : '</div>\n'),
      },
    ],
    markerClasses: [{ name: 'wobble', summary: 'wobbles at its step' }],
    attributes: [{ name: 'wobble-speed', summary: 'how fast it wobbles' }],
    frontMatter: { wobble: oneOf('gently', 'wildly') },
  });
  // Its rule marks steps, so it goes before they are numbered (phases.ts).
  md.core.ruler.before(STEPS, 'toy_reveal_list', (state) => {
    for (let i = 0; i < state.tokens.length; i++) {
      const open = state.tokens[i]!;
      if (open.type !== 'container_reveal-list_open') continue;
      const written = containerParams(open).find((p) => p.key === 'step')?.value;
      const first = written === undefined ? undefined : parseStep(written);
      const line = (open.map?.[0] ?? 0) + 1;
      let items = 0;
      for (let j = i + 1; j < state.tokens.length && state.tokens[j]!.type !== 'container_reveal-list_close'; j++) if (state.tokens[j]!.type === 'list_item_open') items++;
      markInnerSteps(
        open,
        Array.from({ length: items }, (_, k) => ({ line, ...(k === 0 && first ? { step: first } : {}) })),
      );
    }
  });
}

const toy = () => createMarkdown().use(toyFeature);
function render(md: MarkdownIt, source: string): { html: string; diagnostics: string[]; env: DeckEnv } {
  const env = createEnv('deck.md');
  const html = md.render(source, env as unknown as Record<string, unknown>);
  return { html, diagnostics: env.diagnostics.map(formatDiagnostic), env };
}

describe('a toy syntax feature declared in a test', () => {
  it('is known to the checks: a typo of its container, class, attribute or parameter gets a suggestion', () => {
    const { diagnostics } = render(toy(), '## A\n\n::: reveal-lsit\n- a\n:::\n\n::: reveal-list stpe=2\n- b\n:::\n\nText {.wobbel wobble-sped=3}\n');
    expect(diagnostics).toEqual([
      'deck.md:3:1: error: unknown container "::: reveal-lsit"; did you mean "::: reveal-list"?',
      'deck.md:7:17: error: unknown parameter "stpe=2" for ::: reveal-list; did you mean "step"?',
      'deck.md:11:7: error: unknown class ".wobbel"; did you mean ".wobble"?',
      'deck.md:11:15: error: unknown attribute "wobble-sped"; did you mean "wobble-speed"?',
    ]);
  });

  it('its parameter is a step number, read by the one step parser', () => {
    expect(render(toy(), '## A\n\n::: reveal-list step=1e1\n- a\n:::\n').diagnostics).toEqual(['deck.md:3:17: error: step must be a whole number from 1, got "1e1"']);
  });

  it('its names are valid, and its front-matter key is parsed with its declared type', () => {
    const good = render(toy(), '---\nwobble: wildly\n---\n\n## A\n\nText {.fragment .wobble wobble-speed=3}\n');
    expect(good.diagnostics).toEqual([]);
    expect((good.env.meta as unknown as Record<string, unknown>).wobble).toBe('wildly');
    expect(render(toy(), '---\nwobble: madly\nwobbel: gently\n---\n\n## A\n').diagnostics).toEqual([
      'deck.md:2:9: error: front matter key "wobble" must be "gently" or "wildly", got text "madly"',
      expect.stringMatching(/^deck\.md:3:1: error: unknown front matter key "wobbel"; did you mean "wobble"\? \(allowed: .*, wobble\)$/),
    ]);
  });

  it('one token carries several steps, numbered with the slide’s other steps', () => {
    const { html, diagnostics } = render(toy(), '## A\n\nFirst {.fragment}\n\n::: reveal-list\n- a\n- b\n:::\n\nLast {.fragment}\n');
    expect(diagnostics).toEqual([]);
    expect(html).toContain('<div class="reveal-list" data-item-steps="1 2">');
    expect(html).toContain('<p class="fragment" data-fragment-index="3">Last</p>');
  });

  it('appears in the generated table of names', () => {
    const table = syntaxReference(syntaxOf(toy()));
    expect(table).toContain('| `::: reveal-list` | container | reveal list |');
    expect(table).toContain('| `.wobble` | marker class | reveal list |');
    expect(table).toContain('| `wobble-speed` | attribute | reveal list |');
    expect(table).toContain('| `wobble:` | front matter key | reveal list | its value: "gently" or "wildly" |');
  });

  it('stays in its own markdown-it instance: the deck’s does not know it', () => {
    expect(render(createMarkdown(), '## A\n\n::: reveal-list\n- a\n:::\n').diagnostics).toEqual([expect.stringContaining('unknown container "::: reveal-list"')]);
  });
});

describe('the features of the deck', () => {
  it('docs/authoring.md holds the table of names as the declarations write it (npm run docs:syntax)', () => {
    const docs = readFileSync(path.join(import.meta.dirname, '../../docs/authoring.md'), 'utf8');
    const written = docs.slice(docs.indexOf(REFERENCE_START), docs.indexOf(REFERENCE_END) + REFERENCE_END.length);
    expect(written).toBe(syntaxReference(syntaxOf(createMarkdown())));
  });

  it('a container declared twice is a loud mistake, not a silent override', () => {
    const twice = (md: MarkdownIt) => declareSyntax(md, { feature: 'again', containers: [{ name: 'notes', summary: '', render: () => '' }] });
    expect(() => createMarkdown().use(twice)).toThrow(/container "::: notes" is declared twice/);
  });
});
