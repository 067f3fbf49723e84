// Renders slide boundaries as reveal.js `<section>`s, with the generated title slide inside the first.
import type { MarkdownIt } from 'markdown-it';
import type { DeckEnv } from '../env.ts';
import type { DeckMeta } from '../model.ts';
import { slideMark } from '../plugins/slides.ts';
import { externalLinkAttrs } from '../syntax/links.ts';
import type { AutoAnimateAttributes } from '../syntax/media/auto-animate.ts';
import type { SlideLayout } from '../syntax/media/layout.ts';

export function slideRenderPlugin(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml;
  md.renderer.rules.slide_open = (tokens, idx, _options, env) => {
    const mark = slideMark(tokens[idx]!);
    const meta = (env as DeckEnv | undefined)?.meta;
    // A layout or background written on the slide's heading (syntax/media/layout.ts).
    const layout = tokens[idx]!.meta?.layout as SlideLayout | undefined;
    const classes = [...(mark.titleSlide ? ['title-slide'] : []), ...(layout?.classes ?? [])];
    const classAttr = classes.length ? ` class="${classes.join(' ')}"` : '';
    const styleAttr = layout?.style ? ` style="${escape(layout.style)}"` : '';
    const stateAttr = layout?.state ? ` data-state="${escape(layout.state)}"` : '';
    // Animation into the next or previous slide (syntax/media/auto-animate.ts): checked values.
    const animate = (tokens[idx]!.meta?.autoAnimate as AutoAnimateAttributes | undefined) ?? [];
    const animateAttrs = animate.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escape(value)}"`)).join('');
    // The slide's build steps, from the model: the step counter reads them (src/runtime/slide-number.ts).
    const steps = (tokens[idx]!.meta?.steps as { stepLines: number[] } | undefined)?.stepLines.length;
    const stepsAttr = steps === undefined ? '' : ` data-steps="${steps + 1}"`;
    const open = `<section id="${escape(mark.id)}"${classAttr}${styleAttr}${stateAttr}${animateAttrs} data-source-line="${mark.line}"${stepsAttr}>\n${layout?.prefix ?? ''}`;
    return mark.titleSlide && meta ? open + renderTitleBlock(meta, escape) : open;
  };
  md.renderer.rules.slide_close = () => '</section>\n';
}

export function renderTitleBlock(meta: DeckMeta, escape: (text: string) => string): string {
  const line = (className: string, html: string | undefined) =>
    html ? `<p class="${className}">${html}</p>\n` : '';
  const link = (href: string, label: string) => `<a href="${escape(href)}"${externalLinkAttrs(href)}>${escape(label)}</a>`;
  return (
    `<h1 class="title">${escape(meta.title)}</h1>\n` +
    line('subtitle', meta.subtitle && escape(meta.subtitle)) +
    line('author', meta.author && escape(meta.author)) +
    line('affiliation', meta.affiliation && escape(meta.affiliation)) +
    line('url', meta.url && link(meta.url, meta.url)) +
    meta.links.map((l) => line('link', link(l.href, l.label))).join('') +
    line('event', meta.event && escape(meta.event)) +
    line('date', meta.date && escape(meta.date))
  );
}
