// The helpers markdown-it-attrs uses for its own patterns (it ships no types for this file).
declare module 'markdown-it-attrs/utils.js' {
  import type { Token } from 'markdown-it';
  interface AttrsOptions {
    leftDelimiter: string;
    rightDelimiter: string;
    allowedAttributes: (string | RegExp)[];
  }
  export function getAttrs(text: string, start: number, options: AttrsOptions): [string, string][];
  export function addAttrs(attrs: [string, string][], token: Token): void;
  export function getMatchingOpeningToken(tokens: Token[], i: number): Token | false;
  export function hasDelimiters(where: 'start' | 'end' | 'only', options: AttrsOptions): (text: string) => boolean;
}

// Its patterns (what to match in the token stream, and how to apply the attributes there).
declare module 'markdown-it-attrs/patterns.js' {
  const patterns: (options: {
    leftDelimiter: string;
    rightDelimiter: string;
    allowedAttributes: (string | RegExp)[];
    allowedAttributeValues: (string | RegExp)[];
  }) => unknown[];
  export default patterns;
}
