// Unsafe content: raw `<script>`, inline event handlers (`{onclick=…}`), script URLs
// (`javascript:`, read as a browser reads them, so `java<TAB>script:` too), URL attributes with
// another scheme (`{src="file:…"}`) and styles that load from elsewhere (`url(https://…)`).
// Each is reported where it was written. Attributes are removed, so none reaches the page; raw
// HTML and script links are already inert text (html is off, markdown-it refuses the URL).
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import { report, reportFull, type DeckEnv } from '../env.ts';
import { locate, type Position } from '../diagnostics/locate.ts';
import { walkTokens } from '../steps/fragment-meta.ts';
import { AFTER_STEPS } from '../phases.ts';
import { cssValueProblem } from '../safety/css.ts';
import { isAllowedUrl, isScriptUrl, normalizeUrl, URL_ATTRIBUTES } from '../safety/urls.ts';

const SCRIPT_TAG = /<script\b[^<>]{0,200}>?/gi;
const SCRIPT_LINK = /\[[^[\]]{0,500}\]\(\s*(?:javascript|vbscript):(?:[^()]|\([^()]{0,200}\)){0,500}\)?|<(?:javascript|vbscript):[^<>]{0,500}>?/gi;

export function unsafeContentPlugin(md: MarkdownIt): void {
  md.core.ruler.before(AFTER_STEPS, 'deck_unsafe_content', (state) => {
    walkTokens(state.tokens, checkToken, { env: state.env as unknown as DeckEnv, src: state.src });
  });
}

function checkToken(token: Token, block: Token, { env, src }: { env: DeckEnv; src: string }): void {
  // (Copied only when one is unsafe: nearly every token's attributes are kept as they are.)
  if (token.attrs && token.attrs.some(isUnsafeAttr)) {
    token.attrs = token.attrs.filter(([name, raw]) => {
      const value = String(raw);
      if (/^on/i.test(name)) {
        const p = locate(env, src, block.map, name);
        report(env, 'error', p.line, p.column, `inline event handler "${name}" is not allowed (scripts cannot run from slides); removed`);
        return false;
      }
      if (isScriptUrl(value)) {
        const p = locate(env, src, block.map, value.trim().slice(0, 11));
        report(env, 'error', p.line, p.column, `"${name}" has a script URL (${normalizeUrl(value).split(':')[0]}:), which is not allowed; removed`);
        return false;
      }
      if (URL_ATTRIBUTES.has(name.toLowerCase()) && !isAllowedUrl(value)) {
        const p = locate(env, src, block.map, value.trim().slice(0, 11));
        report(env, 'error', p.line, p.column, `"${name}" has a ${normalizeUrl(value).split(':')[0]}: URL, which is not allowed (only http:, https:, mailto:, tel: and relative ones); removed`);
        return false;
      }
      const cssProblem = name.toLowerCase() === 'style' ? cssValueProblem(value) : undefined;
      if (cssProblem) {
        const p = locate(env, src, block.map, value.trim().slice(0, 11));
        report(env, 'error', p.line, p.column, `"style" is not allowed here: ${cssProblem}; removed`);
        return false;
      }
      return true;
    });
  }
  if (token.type !== 'text' || reportFull(env)) return;
  // Raw HTML is off, so these are already inert text (escaped); they are still mistakes.
  const content = token.content;
  if (content.includes('<')) reportEach(env, src, token, block, SCRIPT_TAG, 'raw <script> is not allowed in slides; it is shown as text, never run');
  if (content.includes(':') && /script:/i.test(content)) reportEach(env, src, token, block, SCRIPT_LINK, 'javascript: URLs are not allowed; the link is shown as text, never followed');
}

/**
 * A quick test, true for every attribute the filter above would remove (and for some it keeps):
 * a URL with a scheme has a colon, a CSS function a parenthesis, an escape a backslash.
 */
const isUnsafeAttr = ([name, raw]: NonNullable<Token['attrs']>[number]) => /^on/i.test(name) || /[:(\\]/.test(String(raw));

/** Reports each match of `pattern` in a text token, each at its own place in the block's lines. */
function reportEach(env: DeckEnv, src: string, token: Token, block: Token, pattern: RegExp, message: string): void {
  let last: Position | undefined;
  for (const match of token.content.matchAll(pattern)) {
    last = locate(env, src, block.map, match[0].slice(0, 12), last);
    report(env, 'error', last.line, last.column, message);
    last = { line: last.line, column: last.column + 1 };
  }
}
