// Emoji: each emoji (❌, ✅, 👇, a flag like 🇺🇸, 👍🏽, 👨🏽‍🔬, 1️⃣, 🏴󠁧󠁢󠁳󠁣󠁴󠁿) is wrapped in `<span class="emoji" data-emoji="…">`
// (Twemoji's file name), so the theme draws it with the deck's own picture, the same on every
// system; it stays text, for screen readers, search and the text export. A list item that starts with one gets `emoji-item`, so
// the emoji stands in for the bullet.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { STEPS } from '../phases.ts';

export const EMOJI_TOKEN = 'deck_emoji';
/**
 * One emoji as Unicode's RGI list has it (UTS #51): a pictograph that is an emoji by default, or a
 * text character made one with U+FE0F (©️, but not ©, ™ or ↔), a skin tone sequence (👍🏽), a ZWJ
 * sequence (👨🏽‍🔬), a flag (🇺🇸), a tag flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿), a keycap (1️⃣); the `v` flag matches the
 * longest sequence first. A ZWJ sequence of pictographs that the list lacks (newer than this
 * Node's Unicode, say) is still one emoji, as UTS #51's grammar has it. A skin tone on its own is
 * not one, and U+FE0E after an emoji asks for text. (Built from a string: TypeScript's target
 * predates the `v` flag, which Node 20 has.)
 */
export const EMOJI = new RegExp(
  [
    '\\p{Extended_Pictographic}\\uFE0F?\\p{Emoji_Modifier}?(?:\\u200D\\p{Extended_Pictographic}\\uFE0F?\\p{Emoji_Modifier}?)+',
    '(?!\\p{Emoji_Modifier})\\p{RGI_Emoji}(?!\\uFE0E)',
  ].join('|'),
  'gv',
);

/** No emoji is ASCII: most text is refused by this much cheaper scan first. */
const NON_ASCII = /[^\x00-\x7f]/;
/**
 * The stretches of text an emoji can be in: runs of non-ASCII characters, each with the character
 * before it (a keycap, 1️⃣, starts with a digit, `#` or `*`). EMOJI is slow to try at every
 * character of a long text; on these runs alone it finds the very same emoji.
 */
const EMOJI_RUNS = /[\x00-\x7f]?[^\x00-\x7f]+/g;

/**
 * A character every emoji holds one of: a pictograph, a regional indicator (flags), a skin tone
 * or the keycap mark. A plain character class, quick to scan for: text without one (accents,
 * quotes, dashes, other scripts) holds no emoji, and EMOJI is not tried on it.
 */
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20E3]/u;

/**
 * EMOJI.test(run), leaving EMOJI as it was. (One pattern, not a second one for yes/no tests:
 * V8 compiles a pattern of RGI_Emoji on its first use, ~100 ms each.)
 */
function holdsEmoji(run: string): boolean {
  EMOJI.lastIndex = 0;
  const found = EMOJI.test(run);
  EMOJI.lastIndex = 0;
  return found;
}

/** Whether `text` holds an emoji (what EMOJI would say, without trying it where none can be). */
export function hasEmoji(text: string): boolean {
  return EMOJI_PART.test(text) && (text.match(EMOJI_RUNS) ?? []).some((run) => EMOJI_PART.test(run) && holdsEmoji(run));
}

/** The emoji in `text` with where each starts, in order (`text.matchAll(EMOJI)`, without trying it where none can be). */
function emojiMatches(text: string): { index: number; emoji: string }[] {
  const found: { index: number; emoji: string }[] = [];
  if (!EMOJI_PART.test(text)) return found;
  for (const run of text.matchAll(EMOJI_RUNS)) {
    if (!EMOJI_PART.test(run[0])) continue;
    for (const match of run[0].matchAll(EMOJI)) found.push({ index: run.index + match.index, emoji: match[0] });
  }
  return found;
}

/** The emoji in `text`, in order (what `text.match(EMOJI)` gives, without trying it over ASCII). */
export function emojiIn(text: string): string[] {
  return emojiMatches(text).map((match) => match.emoji);
}

/** `text` without its emoji (`text.replace(EMOJI, '')`, without trying it over ASCII). */
export function withoutEmoji(text: string): string {
  return EMOJI_PART.test(text) ? text.replace(EMOJI_RUNS, (run) => (EMOJI_PART.test(run) ? run.replace(EMOJI, '') : run)) : text;
}

export function emojiPlugin(md: MarkdownIt): void {
  md.core.ruler.before(STEPS, 'deck_emoji', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== 'inline' || !token.children) continue;
      // Its text is ASCII, entities aside (`&#x1F600;`): none of its children can hold an emoji.
      if (!NON_ASCII.test(token.content) && !token.content.includes('&')) continue;
      // Most lines hold no emoji: leave their children as they are rather than copy them.
      if (!token.children.some((child) => child.type === 'text' && hasEmoji(child.content))) continue;
      token.children = token.children.flatMap((child) => (child.type === 'text' ? splitEmoji(child, state.Token) : [child]));
      const first = token.children[0];
      if (first?.type === EMOJI_TOKEN && tokens[i - 1]?.type === 'paragraph_open' && tokens[i - 2]?.type === 'list_item_open') {
        tokens[i - 2]!.attrJoin('class', 'emoji-item');
      }
    }
  });
  md.renderer.rules[EMOJI_TOKEN] = (tokens, idx) => {
    const emoji = tokens[idx]!.content;
    return `<span class="emoji" data-emoji="${twemojiName(emoji)}">${md.utils.escapeHtml(emoji)}</span>`;
  };
}

/** Twemoji's name for an emoji: its code points in hex, joined by '-', without U+FE0F outside ZWJ sequences. */
export function twemojiName(emoji: string): string {
  const points = [...emoji].map((c) => c.codePointAt(0)!);
  const kept = emoji.includes('\u200D') ? points : points.filter((p) => p !== 0xfe0f);
  return kept.map((p) => p.toString(16)).join('-');
}

function splitEmoji(text: Token, TokenClass: typeof Token): Token[] {
  const parts: Token[] = [];
  let last = 0;
  const piece = (type: string, content: string) => {
    const token = new TokenClass(type, '', 0);
    token.content = content;
    parts.push(token);
  };
  for (const { index, emoji } of emojiMatches(text.content)) {
    if (index > last) piece('text', text.content.slice(last, index));
    piece(EMOJI_TOKEN, emoji);
    last = index + emoji.length;
  }
  if (parts.length === 0) return [text];
  if (last < text.content.length) piece('text', text.content.slice(last));
  return parts;
}
