// The fast path for markdown-it's tokens and inline states (src/core/fast-construction.ts) builds
// exactly the objects markdown-it builds. It copies markdown-it 15.0.3's constructors and push
// methods; these tests fail when a markdown-it upgrade changes them, before a deck could differ.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/core/markdown.ts';
import { createEnv } from '../../src/core/env.ts';
import { fastConstructionPlugin, matchesMarkdownIt, originalClasses, STATE_INLINE_KEYS, TOKEN_KEYS } from '../../src/core/fast-construction.ts';
import { readAssetFromDisk } from '../../src/node/read-asset.ts';
import { SYNTHETIC_FIGURE, syntheticDeck } from '../../bench/loader.ts';
import { readFixtures } from './fixture-file.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const original = originalClasses(new MarkdownIt());

/** The deck's Markdown pipeline as it is, and the same pipeline on markdown-it's own classes. */
const fast = createMarkdown();
const slow = createMarkdown();
slow.core.State = original.StateCore;
slow.block.State = original.StateBlock;
slow.inline.State = original.StateInline;

/** Every token of a parse, children included, as plain data: own keys in order, values, prototype. */
function describeTokens(tokens: Token[]): unknown[] {
  return tokens.map((token) => ({
    keys: Reflect.ownKeys(token),
    isToken: token instanceof original.Token && Object.getPrototypeOf(token) === original.Token.prototype,
    ...token,
    children: token.children && describeTokens(token.children),
    // (A mark may point at another token, a figure at its parse5 tree: both stand as names here.)
    meta: token.meta && JSON.stringify(token.meta, (key, value) => (key === 'parentNode' ? undefined : value instanceof original.Token ? `token ${value.type}` : value)),
  }));
}

function parseBoth(source: string, readAsset: (p: string) => string | undefined = () => undefined) {
  return [fast, slow].map((md) => describeTokens(md.parse(source, createEnv('deck.md', readAsset))));
}

describe('the fast construction path', () => {
  it('is written for the installed markdown-it (on an upgrade: compare its Token, StateInline and StateBlock.push with the new dist)', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/markdown-it/package.json'), 'utf8')) as { version: string };
    expect(version).toBe('15.0.3');
    expect(matchesMarkdownIt(original)).toBe(true);
    expect(fastConstructionPlugin(new MarkdownIt())).toBe(true);
    expect(fast.inline.State).not.toBe(original.StateInline);
  });

  it('builds tokens and inline states with markdown-it’s own keys, values and prototypes', () => {
    const state = new fast.core.State('', fast, {});
    const token = new state.Token('paragraph_open', 'p', 1);
    const reference = new original.Token('paragraph_open', 'p', 1);
    expect(Reflect.ownKeys(token)).toEqual(TOKEN_KEYS);
    expect(Reflect.ownKeys(reference)).toEqual(TOKEN_KEYS);
    expect(token).toStrictEqual(reference);
    expect(token).toBeInstanceOf(original.Token);
    expect(Object.getPrototypeOf(token)).toBe(original.Token.prototype);

    const outTokens: Token[] = [];
    const env = {};
    const inline = new fast.inline.State('a *b*', fast, env, outTokens);
    const inlineReference = new original.StateInline('a *b*', fast, env, outTokens);
    expect(Reflect.ownKeys(inline)).toEqual(STATE_INLINE_KEYS);
    expect(Reflect.ownKeys(inlineReference)).toEqual(STATE_INLINE_KEYS);
    expect(inline).toBeInstanceOf(original.StateInline);
    expect({ ...inline, Token: undefined }).toEqual({ ...inlineReference, Token: undefined });
    expect(new fast.block.State('x', fast, env, [])).toBeInstanceOf(original.StateBlock);
    expect(new fast.core.State('x', fast, env)).toBeInstanceOf(original.StateCore);
  });

  it('refuses to install over classes it was not written for', () => {
    class Other {
      constructor() {
        Object.assign(this, { type: '' });
      }
    }
    expect(matchesMarkdownIt({ ...original, Token: Other as unknown as typeof original.Token })).toBe(false);
  });

  it('parses the talk, the synthetic deck and every fixture to the very same tokens', () => {
    const talk = 'slides/collaborations-in-ml.md';
    const [a, b] = parseBoth(readFileSync(path.join(ROOT, talk), 'utf8'), readAssetFromDisk(talk, ROOT));
    expect(a).toEqual(b);
    // Emphasis inside a link is balanced through the inline state's tokens_meta.
    const [e, f] = parseBoth('## [a *b* c](x)\n\n*[a **b** ~~c~~](x)* and [`x`{.y} *z*]{.fragment}\n');
    expect(e).toEqual(f);
    const [c, d] = parseBoth(syntheticDeck(20), () => SYNTHETIC_FIGURE);
    expect(c).toEqual(d);
    for (const folder of ['loader', 'diagnostics']) {
      const dir = path.join(ROOT, 'tests/fixtures', folder);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
        for (const fixture of readFixtures(path.join(dir, file))) {
          const [x, y] = parseBoth(fixture.input, readAssetFromDisk(file, dir));
          expect(x, `${folder}/${file} line ${fixture.line}`).toEqual(y);
        }
      }
    }
  });

  it('parses random Markdown to the very same tokens', () => {
    const chars = [...'{}[]()<>:.-*_~`#>|!=\'"&\\/ \n\n\tab1'];
    const lines = ['---', '## H', '- item', '1. one', '> q', '```', '    code', '| a | b |', '|---|---|', '::: notes', '::: replace', ':::', '. . .', '[s]{.fragment}', '![i](x.svg)', 'x {step=2}', '<b>html</b>', 'a  ', 'line\\', '[a *b* c](x)', '*[a **b**](x)*', ''];
    const source = fc.array(fc.oneof(fc.constantFrom(...lines), fc.string({ unit: fc.constantFrom(...chars), maxLength: 40 })), { maxLength: 40 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(source, (markdown) => {
        const [x, y] = parseBoth(markdown);
        expect(x).toEqual(y);
      }),
      { numRuns: 300 },
    );
  });
});
