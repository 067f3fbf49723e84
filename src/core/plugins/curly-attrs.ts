// markdown-it-attrs' own rule, run only at tokens where an attribute block can be. The library
// tries each of its 12 patterns at every token of the deck (a few object allocations per try),
// which was a sixth of the loader's time; every pattern needs a `{` in the token, in one of the
// next two, or is about tables, so the other tokens are skipped. The patterns, their order and
// their transforms are the library's; `compileTest` is its `test`, unchanged in meaning.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import patternsFor from 'markdown-it-attrs/patterns.js';

/** markdown-it-attrs' defaults, which markdown.ts uses unchanged (inline-attrs.ts uses them too). */
export const ATTRS_OPTIONS = { leftDelimiter: '{', rightDelimiter: '}', allowedAttributes: [] as string[], allowedAttributeValues: [] as string[] };
/**
 * Patterns that may apply again at the same token (several `{…}` in a row). These two look for
 * an inline child text that starts with `{` by trying every child: where none starts so (nearly
 * everywhere once deck_inline_attrs has run), they are not tried at all.
 */
const RETRIED = new Set(['inline attributes', 'inline nesting 0']);

type Rule = Record<string, unknown> & { shift?: number; position?: number };
interface Pattern {
  name: string;
  tests: Rule[];
  transform: (tokens: Token[], i: number, j: number | null) => void;
}

export function curlyAttrsPlugin(md: MarkdownIt): void {
  const patterns = patternsFor(ATTRS_OPTIONS) as Pattern[];
  const typeAt = patterns.map((pattern) => {
    const type = pattern.tests.find((t) => t.shift === 0)?.type;
    return typeof type === 'string' ? type : undefined;
  });
  // Each test is turned once into a function, so trying a pattern allocates nothing.
  const tests = patterns.map((pattern) => pattern.tests.map(compileTest));
  const refusals = patterns.map((pattern) => CANNOT_MATCH[pattern.name]);
  md.core.ruler.at('curly_attributes', (state) => {
    const tokens = state.tokens;
    // Whether tokens[at], [at + 1] and [at + 2] hold a `{`: each token is looked at once as the
    // window moves on, and looked at again only after a transform (which may change any of them).
    let at = -2;
    let brace0 = false;
    let brace1 = false;
    let brace2 = false;
    for (let i = 0; i < tokens.length; i++) {
      if (at === i - 1) {
        brace0 = brace1;
        brace1 = brace2;
        brace2 = hasBrace(tokens[i + 2]);
      } else {
        brace0 = hasBrace(tokens[i]);
        brace1 = hasBrace(tokens[i + 1]);
        brace2 = hasBrace(tokens[i + 2]);
      }
      at = i;
      if (!brace0 && !brace1 && !brace2 && !mayHoldAttrsWithoutBrace(tokens[i]!)) continue;
      let textStartsWithBrace: boolean | undefined; // worked out when first needed, again after a transform
      for (let p = 0; p < patterns.length; p++) {
        const pattern = patterns[p]!;
        // Most patterns name the type of the token they start at: a cheap first refusal.
        const type = typeAt[p];
        if (type !== undefined && tokens[i]!.type !== type) continue;
        if (RETRIED.has(pattern.name) && !(textStartsWithBrace ??= childTextStartsWithBrace(tokens[i]!))) continue;
        if (refusals[p]?.(tokens, i)) continue;
        // As the library's `tests.every`: stop at the first test that fails; keep the last j given.
        let j: number | null = null;
        let match = true;
        for (const test of tests[p]!) {
          const res = test(tokens, i);
          if (res === NO_MATCH) {
            match = false;
            break;
          }
          if (res !== MATCH) j = res;
        }
        if (!match) continue;
        at = -2;
        textStartsWithBrace = undefined;
        // As the library does: a pattern that throws is logged and skipped, the rest still apply.
        try {
          pattern.transform(tokens, i, j);
          if (RETRIED.has(pattern.name)) p--;
        } catch (error) {
          console.error(`markdown-it-attrs: Error in pattern '${pattern.name}': ${(error as Error).message}`);
        }
      }
    }
  });
}

/** (Most tokens are opening or closing tags, with no content and no info: no string to search.) */
const hasBrace = (token: Token | undefined) =>
  !!token && ((token.content.length !== 0 && token.content.includes('{')) || (token.info.length !== 0 && token.info.includes('{')));

/**
 * Where none of tokens[i..i+2] holds a `{`, a pattern of the library can still match at the
 * end of a table, or at an inline token whose text child holds a `{` that the inline source
 * spells as an entity (`&#123;`). Everywhere else, none can.
 */
function mayHoldAttrsWithoutBrace(token: Token): boolean {
  const type = token.type;
  if (type === 'table_close' || type === 'tr_close' || type === 'tbody_close') return true;
  return type === 'inline' && !!token.children?.some((child) => child.content.includes('{'));
}

/**
 * For the patterns tried most often, a condition each of their tests implies, checked directly:
 * where it fails, the pattern cannot match, and its tests (a few calls each) are not run.
 */
const CANNOT_MATCH: Record<string, ((tokens: Token[], i: number) => boolean) | undefined> = {
  // `info` must end with an attribute block.
  'fenced code blocks': (tokens, i) => !tokens[i]!.info.includes('{'),
  'list double softbreak': (tokens, i) => tokens[i]!.type !== 'bullet_list_close' && tokens[i]!.type !== 'ordered_list_close',
  // The next token's content must hold `{` (the pattern's own regular expression asks for one).
  'horizontal rule': (tokens, i) => !tokens[i + 1]?.content.includes('{'),
  // Two tokens back must open a list item.
  'list softbreak': (tokens, i) => tokens[i - 2]?.type !== 'list_item_open' || !endsWithSoftbreakThenText(tokens[i]!),
  'list item end': (tokens, i) => tokens[i - 2]?.type !== 'list_item_open',
  '\n{.a} softbreak then curly in start': (tokens, i) => !endsWithSoftbreakThenText(tokens[i]!),
  // The last text child it finds must end with an attribute block.
  'end of block': (tokens, i) => !tokens[i]!.children?.some((child) => child.type === 'text' && child.content.includes('{')),
};

/** The inline token's last two children are a soft break and a text (the two softbreak patterns). */
function endsWithSoftbreakThenText(token: Token): boolean {
  const children = token.children;
  return !!children && children.length >= 2 && children[children.length - 2]!.type === 'softbreak' && children[children.length - 1]!.type === 'text';
}

function childTextStartsWithBrace(token: Token): boolean {
  if (!token.children) return false;
  for (const child of token.children) if (child.type === 'text' && child.content.startsWith(ATTRS_OPTIONS.leftDelimiter)) return true;
  return false;
}

/** A compiled test's answer: no match, a match, or a match at child j (j ≥ 0). */
const NO_MATCH = -2;
const MATCH = -1;
type CompiledTest = (tokens: Token[], i: number) => number;
type Check = (token: Record<string, unknown>) => number;

/**
 * markdown-it-attrs' `test` for one rule `t`, compiled: the same checks in the same order
 * (`Object.keys(t)`), with the same answer, worked out without allocating per token.
 */
function compileTest(t: Rule): CompiledTest {
  const checks: Check[] = [];
  for (const key of Object.keys(t)) {
    if (key === 'shift' || key === 'position') continue;
    const expected = t[key];
    checks.push(compileCheck(key, expected));
  }
  const shift = t.shift;
  const position = t.position!;
  return (tokens, i) => {
    const ii = shift !== undefined ? i + shift : position;
    if (shift !== undefined && ii < 0) return NO_MATCH;
    const token = (ii >= 0 ? tokens[ii] : tokens[tokens.length + ii]) as unknown as Record<string, unknown> | undefined;
    if (token === undefined) return NO_MATCH;
    let j = MATCH;
    for (let c = 0; c < checks.length; c++) {
      const res = checks[c]!(token);
      if (res === NO_MATCH) return NO_MATCH;
      if (res !== MATCH) j = res;
    }
    return j;
  };
}

function compileCheck(key: string, expected: unknown): Check {
  if (key === 'children' && isArrayOfObjects(expected)) {
    const childTests = expected as Rule[];
    const compiled = childTests.map(compileTest);
    const holds = (children: Token[], at: number) => {
      for (let k = 0; k < compiled.length; k++) if (compiled[k]!(children, at) === NO_MATCH) return false;
      return true;
    };
    if (childTests.every((tt) => tt.position !== undefined)) {
      // Fixed positions: test them, the child is the last position's.
      const j = childTests[childTests.length - 1]!.position!;
      return (token) => {
        if (token.children === undefined) return NO_MATCH;
        const children = token.children as Token[];
        if (children.length === 0) return NO_MATCH;
        for (let k = 0; k < compiled.length; k++) if (compiled[k]!(children, childTests[k]!.position!) === NO_MATCH) return NO_MATCH;
        return j >= 0 ? j : children.length + j;
      };
    }
    // Shifts: the first child where every test holds.
    return (token) => {
      if (token.children === undefined) return NO_MATCH;
      const children = token.children as Token[];
      for (let j = 0; j < children.length; j++) if (holds(children, j)) return j;
      return NO_MATCH;
    };
  }
  switch (typeof expected) {
    case 'boolean':
    case 'number':
    case 'string':
      return (token) => (token[key] === undefined || token[key] !== expected ? NO_MATCH : MATCH);
    case 'function': {
      const predicate = expected as (v: unknown) => boolean;
      return (token) => (token[key] === undefined || !predicate(token[key]) ? NO_MATCH : MATCH);
    }
    default:
      if (Array.isArray(expected) && expected.length && expected.every((f) => typeof f === 'function')) {
        const predicates = expected as ((v: unknown) => boolean)[];
        return (token) => (token[key] === undefined || !predicates.every((f) => f(token[key])) ? NO_MATCH : MATCH);
      }
      throw new Error(`Unknown type of pattern test (key: ${key}).`);
  }
}

function isArrayOfObjects(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object');
}
