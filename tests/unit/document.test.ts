// The page head: what search engines, link previews and the browser tab read from the front matter.
import { readFileSync } from 'node:fs';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { compileDeck, renderDocument } from '../../src/core/index.ts';

const template = readFileSync('index.html', 'utf8');
const talk = compileDeck(readFileSync('slides/collaborations-in-ml.md', 'utf8'));

interface Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  value?: string;
}

/** Every element of a parsed page, in document order. */
function elements(html: string): Node[] {
  const out: Node[] = [];
  const walk = (node: Node) => {
    if (node.attrs) out.push(node);
    for (const child of node.childNodes ?? []) walk(child);
    if (node.nodeName === 'template') walk((node as unknown as { content: Node }).content);
  };
  walk(parse(html) as unknown as Node);
  return out;
}
const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;
function head(html: string) {
  const all = elements(html);
  const metaBy = (key: string) =>
    all.filter((n) => n.nodeName === 'meta' && (attr(n, 'property') === key || attr(n, 'name') === key)).map((n) => attr(n, 'content'));
  const links = (rel: string) => all.filter((n) => n.nodeName === 'link' && attr(n, 'rel') === rel).map((n) => attr(n, 'href'));
  const title = all.find((n) => n.nodeName === 'title')?.childNodes?.[0]?.value;
  const lang = attr(all.find((n) => n.nodeName === 'html')!, 'lang');
  return { metaBy, links, title, lang };
}

describe('page head', () => {
  it('has lang, a real title and description from the front matter', () => {
    const page = head(renderDocument(template, talk));
    expect(page.lang).toBe('en');
    expect(page.title).toBe('Collaborations in ML: why do we even care');
    expect(page.metaBy('description')).toEqual([talk.meta.description]);
  });

  it('has Open Graph and Twitter card tags, once each, with the share picture', () => {
    const page = head(renderDocument(template, talk, { siteUrl: 'https://someone.github.io/collab' }));
    expect(page.metaBy('og:title')).toEqual(['Collaborations in ML: why do we even care']);
    expect(page.metaBy('og:description')).toEqual([talk.meta.description]);
    expect(page.metaBy('og:type')).toEqual(['website']);
    expect(page.metaBy('og:url')).toEqual(['https://someone.github.io/collab/']);
    expect(page.metaBy('og:image')).toEqual(['https://someone.github.io/collab/og-image.png']);
    expect(page.metaBy('og:image:width')).toEqual(['1200']);
    expect(page.metaBy('og:image:height')).toEqual(['630']);
    expect(page.metaBy('og:image:alt')[0]).toMatch(/^Title slide: Collaborations in ML/);
    expect(page.metaBy('twitter:card')).toEqual(['summary_large_image']);
    expect(page.metaBy('twitter:image')).toEqual(['https://someone.github.io/collab/og-image.png']);
    expect(page.links('icon')).toEqual(['/favicon.svg']);
    expect(page.links('canonical')).toEqual(['https://someone.github.io/collab/']);
  });

  it('has no canonical URL when none is configured, and a relative share picture', () => {
    const page = head(renderDocument(template, talk));
    expect(page.links('canonical')).toEqual([]);
    expect(page.metaBy('og:url')).toEqual([]);
    expect(page.metaBy('og:image')).toEqual(['og-image.png']);
  });

  it('front matter `canonical` wins over the site URL; a non-http address is an error, not a link', () => {
    const deck = compileDeck('---\ntitle: T\ncanonical: https://talks.example.org/t/\n---\n');
    expect(deck.diagnostics).toEqual([]);
    expect(head(renderDocument(template, deck, { siteUrl: 'https://x.github.io/y/' })).links('canonical')).toEqual(['https://talks.example.org/t/']);
    const bad = compileDeck('---\ntitle: T\ncanonical: javascript:alert(1)\n---\n', { file: 'x.md' });
    expect(bad.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      '3:12: front matter key "canonical" must be an http(s) URL, like https://user.github.io/repo/',
    ]);
    expect(head(renderDocument(template, bad)).links('canonical')).toEqual([]);
  });

  it('escapes front matter text in attributes', () => {
    const deck = compileDeck('---\ntitle: A "quoted" <title>\ndescription: x & y\n---\n');
    const html = renderDocument(template, deck);
    expect(html).toContain('<meta property="og:title" content="A &quot;quoted&quot; &lt;title&gt;" />');
    expect(head(html).metaBy('og:description')).toEqual(['x & y']);
  });

  it('puts the tags at a <!--deck:head--> comment when the template has one', () => {
    const html = renderDocument('<html><head><!--deck:head--><title>%deck.title%</title></head><body></body></html>', talk);
    expect(html.indexOf('og:title')).toBeLessThan(html.indexOf('<title>'));
  });
});

describe('text direction', () => {
  it('puts front matter `dir: rtl` on <html>, and nothing on a deck without it', () => {
    const rtl = compileDeck('---\ntitle: عرض\nlang: ar\ndir: rtl\n---\n\n## مرحبا\n', { file: 'rtl.md' });
    expect(rtl.diagnostics).toEqual([]);
    const html = elements(renderDocument(template, rtl)).find((n) => n.nodeName === 'html')!;
    expect([attr(html, 'lang'), attr(html, 'dir')]).toEqual(['ar', 'rtl']);
    expect(attr(elements(renderDocument(template, talk)).find((n) => n.nodeName === 'html')!, 'dir')).toBeUndefined();
  });
});
