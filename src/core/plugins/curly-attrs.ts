// markdown-it-attrs' own rule, run only at tokens where an attribute block can be. The library
// tries each of its 12 patterns at every token of the deck (a few object allocations per try),
// which was a sixth of the loader's time; every pattern needs a `{` in the token, in one of the
// next two, or is about tables, so the other tokens are skipped. The patterns, their order and
// their transforms are the library's; `matches` is its `test`, unchanged in meaning.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import patternsFor from 'markdown-it-attrs/patterns.js';

/** markdown-it-attrs' defaults, which markdown.ts uses unchanged (inline-attrs.ts uses them too). */
export const ATTRS_OPTIONS = { leftDelimiter: '{', rightDelimiter: '}', allowedAttributes: [] as string[], allowedAttributeValues: [] as string[] };
const TABLE_TOKENS = new Set(['table_close', 'tr_close', 'tbody_close']);
/** Patterns that may apply again at the same token (several `{…}` in a row). */
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
  md.core.ruler.at('curly_attributes', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (!mayHoldAttrs(tokens, i)) continue;
      for (let p = 0; p < patterns.length; p++) {
        const pattern = patterns[p]!;
        // Most patterns name the type of the token they start at: a cheap first refusal.
        const type = typeAt[p];
        if (type !== undefined && tokens[i]!.type !== type) continue;
        let j: number | null = null;
        const match = pattern.tests.every((t) => {
          const res = matches(tokens, i, t);
          if (res.j !== null) j = res.j;
          return res.match;
        });
        if (!match) continue;
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

const hasBrace = (token: Token | undefined) => !!token && (token.content.includes('{') || token.info.includes('{'));

/** False only where no pattern of the library can match at tokens[i]. */
function mayHoldAttrs(tokens: Token[], i: number): boolean {
  const token = tokens[i]!;
  if (TABLE_TOKENS.has(token.type)) return true;
  if (hasBrace(token) || hasBrace(tokens[i + 1]) || hasBrace(tokens[i + 2])) return true;
  // A text child may hold a `{` the inline source spells as an entity (`&#123;`).
  return token.type === 'inline' && !!token.children?.some((child) => child.content.includes('{'));
}

/** markdown-it-attrs' `test`: does rule `t` hold at tokens[i] (and at which child, if it tests children)? */
function matches(tokens: Token[], i: number, t: Rule): { match: boolean; j: number | null } {
  const res: { match: boolean; j: number | null } = { match: false, j: null };
  const ii = t.shift !== undefined ? i + t.shift : t.position!;
  if (t.shift !== undefined && ii < 0) return res;
  const token = (ii >= 0 ? tokens[ii] : tokens[tokens.length + ii]) as unknown as Record<string, unknown> | undefined;
  if (token === undefined) return res;
  for (const key of Object.keys(t)) {
    if (key === 'shift' || key === 'position') continue;
    if (token[key] === undefined) return res;
    const expected = t[key];
    if (key === 'children' && isArrayOfObjects(expected)) {
      const children = token.children as Token[];
      if (children.length === 0) return res;
      const childTests = expected as Rule[];
      let match = false;
      if (childTests.every((tt) => tt.position !== undefined)) {
        match = childTests.every((tt) => matches(children, tt.position!, tt).match);
        if (match) {
          const j = childTests[childTests.length - 1]!.position!;
          res.j = j >= 0 ? j : children.length + j;
        }
      } else {
        for (let j = 0; j < children.length; j++) {
          match = childTests.every((tt) => matches(children, j, tt).match);
          if (match) {
            res.j = j;
            break;
          }
        }
      }
      if (!match) return res;
      continue;
    }
    switch (typeof expected) {
      case 'boolean':
      case 'number':
      case 'string':
        if (token[key] !== expected) return res;
        break;
      case 'function':
        if (!(expected as (v: unknown) => boolean)(token[key])) return res;
        break;
      default:
        if (Array.isArray(expected) && expected.length && expected.every((f) => typeof f === 'function')) {
          if (!expected.every((f: (v: unknown) => boolean) => f(token[key]))) return res;
          break;
        }
        throw new Error(`Unknown type of pattern test (key: ${key}).`);
    }
  }
  res.match = true;
  return res;
}

function isArrayOfObjects(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object');
}
