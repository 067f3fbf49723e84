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
