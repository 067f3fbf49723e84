// Images: a local image must exist next to the deck (error), and every image needs alt text (warning).
import type { MarkdownIt } from 'markdown-it';
import { report, reportFull, type DeckEnv } from '../env.ts';
import { readLocalAsset } from '../diagnostics/assets.ts';
import { locate } from '../diagnostics/locate.ts';
import { AFTER_STEPS } from '../phases.ts';

export function imageCheckPlugin(md: MarkdownIt): void {
  md.core.ruler.before(AFTER_STEPS, 'deck_image_check', (state) => {
    const env = state.env as unknown as DeckEnv;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children || reportFull(env)) continue;
      let after: { line: number; column: number } | undefined;
      for (const image of block.children) {
        if (image.type !== 'image') continue;
        const start = locate(env, state.src, block.map, '![', after);
        after = { line: start.line, column: start.column + 1 };
        const src = String(image.attrGet('src') ?? '');
        const srcAt = locate(env, state.src, block.map, src, start);
        if (!image.meta?.assetChecked) readLocalAsset(env, src, src ? srcAt : start, 'image');
        if (image.content.trim() === '' && !image.meta?.named) {
          report(env, 'warning', start.line, start.column, `image "${src}" has no alt text; describe it inside ![…] for screen readers`);
        }
      }
    }
  });
}
