// Fills the page template with a compiled deck: the HTML the browser receives already has every slide.
import { pageTitle } from './meta.ts';
import type { Deck } from './model.ts';

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Placeholders: `%deck.lang%`, `%deck.title%`, `%deck.description%`, `%deck.author%`
 * (attribute-safe), and `<!--deck:slides-->` (the `<section>`s).
 */
export function renderDocument(template: string, deck: Deck): string {
  const values: Record<string, string> = {
    lang: deck.meta.lang,
    title: pageTitle(deck.meta) || deck.file,
    description: deck.meta.description ?? pageTitle(deck.meta),
    author: deck.meta.author ?? '',
  };
  return template
    .replace(/%deck\.(\w+)%/g, (whole, key: string) => (key in values ? escapeAttr(values[key]!) : whole))
    .replace('<!--deck:slides-->', () => deck.slides.map((slide) => slide.html).join(''));
}
