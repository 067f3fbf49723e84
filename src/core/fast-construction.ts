// Faster construction of markdown-it's tokens and inline states, with the very same objects.
// markdown-it 15's dist is compiled with class-field helpers: every `new Token` and every
// `new StateInline` (one per paragraph, heading, list item…) runs a dozen `_defineProperty`
// calls, which made token construction ~2.5× slower than a plain class and cost a third of
// markdown-it's own time on a deck. The constructors below assign the same own properties, in
// the same order, onto markdown-it's own prototypes (so `instanceof Token` and every method
// hold). They are installed only if a fresh markdown-it token and inline state have exactly
// the keys and values written here; tests/unit/fast-construction.test.ts fails loudly when a
// markdown-it upgrade changes them, and compares parses with and without this path.
import type { MarkdownIt, StateBlock, StateCore, StateInline, Token } from 'markdown-it';

type TokenClass = typeof Token;
type Nesting = Token['nesting'];

/** The own properties of a fresh markdown-it Token, in order, as FastToken writes them. */
export const TOKEN_KEYS = ['map', 'level', 'children', 'content', 'markup', 'info', 'block', 'hidden', 'type', 'tag', 'attrs', 'nesting', 'meta'];
/** The own properties of a fresh StateInline, in order, as FastStateInline writes them. */
export const STATE_INLINE_KEYS = [
  'pos', 'level', 'pending', 'pendingLevel', 'cache', 'backticks', 'backticksScanned', 'skipHtmlSpecial', 'linkLevel',
  'delimiters', '_prev_delimiters', 'Token', 'src', 'env', 'md', 'tokens', 'tokens_meta', 'posMax',
];

/** The classes the fast path stands in for, as markdown-it made them. */
export interface OriginalClasses {
  Token: TokenClass;
  StateCore: typeof StateCore;
  StateBlock: typeof StateBlock;
  StateInline: typeof StateInline;
}

export function originalClasses(md: MarkdownIt): OriginalClasses {
  const StateCore = md.core.State;
  return { Token: new StateCore('', md, {}).Token, StateCore, StateBlock: md.block.State, StateInline: md.inline.State };
}

/**
 * Makes `md` build its tokens and states with the constructors below. Returns false (and
 * changes nothing) when markdown-it's classes are not the ones these were written for.
 */
export function fastConstructionPlugin(md: MarkdownIt): boolean {
  const original = originalClasses(md);
  if (!matchesMarkdownIt(original)) return false;
  const { Token, StateCore, StateBlock, StateInline } = original;

  const FastToken = function (this: Token, type: string, tag: string, nesting: Nesting) {
    this.map = null;
    this.level = 0;
    this.children = null;
    this.content = '';
    this.markup = '';
    this.info = '';
    this.block = false;
    this.hidden = false;
    this.type = type;
    this.tag = tag;
    this.attrs = null;
    this.nesting = nesting;
    this.meta = null;
  } as unknown as TokenClass;
  FastToken.prototype = Token.prototype;

  // Core and block states are made once per parse (their constructors' cost does not matter):
  // subclasses only hand out FastToken, and the block state's push (markdown-it's, with
  // FastToken for Token) makes the block tokens.
  class FastStateCore extends StateCore {
    constructor(src: string, mdi: MarkdownIt, env: Record<string, unknown>) {
      super(src, mdi, env);
      this.Token = FastToken;
    }
  }
  class FastStateBlock extends StateBlock {
    constructor(src: string, mdi: MarkdownIt, env: Record<string, unknown>, tokens: Token[]) {
      super(src, mdi, env, tokens);
      this.Token = FastToken;
    }
    override push(type: string, tag: string, nesting: Nesting): Token {
      const token = new FastToken(type, tag, nesting);
      token.block = true;
      if (nesting < 0) this.level--;
      token.level = this.level;
      if (nesting > 0) this.level++;
      this.tokens.push(token);
      return token;
    }
  }

  // One inline state per paragraph, heading or list item: its constructor is worth replacing.
  const FastStateInline = function (this: StateInline, src: string, mdi: MarkdownIt, env: Record<string, unknown>, outTokens: Token[]) {
    this.pos = 0;
    this.level = 0;
    this.pending = '';
    this.pendingLevel = 0;
    this.cache = {};
    this.backticks = {};
    this.backticksScanned = false;
    this.skipHtmlSpecial = false;
    this.linkLevel = 0;
    this.delimiters = [];
    this._prev_delimiters = [];
    this.Token = FastToken;
    this.src = src;
    this.env = env;
    this.md = mdi;
    this.tokens = outTokens;
    this.tokens_meta = Array(outTokens.length);
    this.posMax = this.src.length;
  } as unknown as typeof StateInline;
  // markdown-it's pushPending and push, with FastToken for Token.
  FastStateInline.prototype = Object.create(StateInline.prototype, {
    constructor: { value: FastStateInline, writable: true, configurable: true },
    pushPending: {
      writable: true,
      configurable: true,
      value(this: StateInline): Token {
        const token = new FastToken('text', '', 0);
        token.content = this.pending;
        token.level = this.pendingLevel;
        this.tokens.push(token);
        this.pending = '';
        return token;
      },
    },
    push: {
      writable: true,
      configurable: true,
      value(this: StateInline, type: string, tag: string, nesting: Nesting): Token {
        if (this.pending) this.pushPending();
        const token = new FastToken(type, tag, nesting);
        let tokenMeta: StateInline['tokens_meta'][number] = undefined;
        if (nesting < 0) {
          this.level--;
          this.delimiters = this._prev_delimiters.pop()!;
        }
        token.level = this.level;
        if (nesting > 0) {
          this.level++;
          this._prev_delimiters.push(this.delimiters);
          this.delimiters = [];
          tokenMeta = { delimiters: this.delimiters };
        }
        this.pendingLevel = this.level;
        this.tokens.push(token);
        this.tokens_meta.push(tokenMeta);
        return token;
      },
    },
  });

  md.core.State = FastStateCore;
  md.block.State = FastStateBlock;
  md.inline.State = FastStateInline;
  return true;
}

/** True when markdown-it's fresh token and inline state have exactly the fields written above. */
export function matchesMarkdownIt({ Token, StateInline }: OriginalClasses): boolean {
  const token = new Token('t', 'p', 1) as unknown as Record<string, unknown>;
  const tokenValues = [null, 0, null, '', '', '', false, false, 't', 'p', null, 1, null];
  const outTokens: Token[] = [];
  const env = {};
  const state = new StateInline('src', null as unknown as MarkdownIt, env, outTokens) as unknown as Record<string, unknown>;
  const stateValues: Record<string, unknown> = { pos: 0, level: 0, pending: '', pendingLevel: 0, backticksScanned: false, skipHtmlSpecial: false, linkLevel: 0, Token, src: 'src', env, md: null, tokens: outTokens, posMax: 3 };
  const isEmptyObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
  const isEmptyArray = (v: unknown) => Array.isArray(v) && v.length === 0;
  return (
    sameKeys(token, TOKEN_KEYS) &&
    TOKEN_KEYS.every((key, i) => token[key] === tokenValues[i]) &&
    sameKeys(state, STATE_INLINE_KEYS) &&
    Object.entries(stateValues).every(([key, value]) => state[key] === value) &&
    isEmptyObject(state.cache) &&
    isEmptyObject(state.backticks) &&
    isEmptyArray(state.delimiters) &&
    isEmptyArray(state._prev_delimiters) &&
    isEmptyArray(state.tokens_meta)
  );
}

function sameKeys(object: object, keys: string[]): boolean {
  const own = Reflect.ownKeys(object);
  return own.length === keys.length && own.every((key, i) => key === keys[i]);
}
