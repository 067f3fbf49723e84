// Pandoc's bracket of `@`-keys, `[see @he2016, p. 3; -@fig-loss]`: citations (cite/) and
// cross-references (crossref.ts) are written in it alike, so both read its parts here.

/** A key after `@`: a letter, digit or `_` first, then those or `:.#$%&+?<>~/-` followed by one (Pandoc's citation key). */
export const KEY_PATTERN = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*`;

/** One `;`-part of a bracket: `space`, then what is written `before` the key, `-@key`, and what follows it. */
export interface BracketPart {
  space: string;
  before: string;
  suppressed: boolean;
  key: string;
  after: string;
}

const PART = new RegExp(String.raw`^(\s*)(.*?)(-?)@(${KEY_PATTERN})(.*)$`, 'su');

/** The parts of a bracket's inside (between `[` and `]`), or undefined when one of them holds no `@key`. */
export function bracketParts(inner: string): BracketPart[] | undefined {
  const parts: BracketPart[] = [];
  for (const part of inner.split(';')) {
    const m = PART.exec(part);
    if (!m) return undefined;
    parts.push({ space: m[1]!, before: m[2]!, suppressed: m[3] === '-', key: m[4]!, after: m[5]! });
  }
  return parts;
}
