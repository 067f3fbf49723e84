// What a syntax feature adds to the deck's language, declared once beside its plugin. The
// unknown-name checks, their did-you-mean suggestions, the front matter's keys and the table of
// names in docs/authoring.md are all derived from these declarations: nothing is listed twice.
import type { MarkdownIt } from 'markdown-it';
import type { Token } from 'markdown-it';
import container from 'markdown-it-container';
import type { DeckEnv } from '../env.ts';
import { FRONT_MATTER, type FrontMatterField } from '../meta.ts';

/**
 * What a container parameter's value is: `step` (a step number, see steps/step-number.ts), `share`
 * (`40%`), `text` (any words, quoted when they hold a space: `title="Before you start"`).
 */
export type ParameterType = 'step' | 'share' | 'text';

export interface ContainerDeclaration {
  /** `::: name` */
  name: string;
  /** What it is for, in a few words (docs). */
  summary: string;
  /** The `key=value` parameters its opening line takes, with the type of each value. */
  params?: Readonly<Record<string, ParameterType>>;
  /**
   * Also written Pandoc's way, as a class in braces: `::: {.name key="value"}` (Quarto's
   * `::: {.callout-note}`), beside `::: name key="value"`.
   */
  attributeForm?: boolean;
  /** The HTML its opening and closing lines become. */
  render: (token: Token) => string;
}

export interface AttributeDeclaration {
  /** The name in `{name=value}`; a name ending in `*` is a prefix (`data-*`). */
  name: string;
  summary: string;
}

export interface MarkerClassDeclaration {
  /** The name in `{.name}`. */
  name: string;
  summary: string;
}

/** One syntax feature's declarations (all optional: a feature may add only rules). */
export interface SyntaxDeclaration {
  /** The feature's name (docs, errors). */
  feature: string;
  containers?: readonly ContainerDeclaration[];
  markerClasses?: readonly MarkerClassDeclaration[];
  attributes?: readonly AttributeDeclaration[];
  /** Front-matter keys, each with the type its value must have. */
  frontMatter?: Readonly<Record<string, FrontMatterField<unknown>>>;
  /**
   * What the feature needs to know of the whole deck before its slides are compiled one by one
   * (an equation's number, asked for by a slide before the one that defines it). It reads the
   * deck's block tokens (their inline content not yet parsed) and writes what it found in
   * deckShared(env), where each slide's looks at it are recorded (env.ts). compile.ts calls it
   * from the deck's one block parse (split.ts); a feature's own rule calls it when markdown-it
   * parses a whole deck at once (no env.slide).
   */
  scanDeck?: (blockTokens: readonly Token[], env: DeckEnv) => void;
  /**
   * What the deck scan reads in a line (`$` for formulas). The dev server skips the deck's block
   * parse after an edit inside one line that matches this in neither version (split.ts:
   * splitAfterEdit); a feature with a scanDeck and no scanReads has the deck parsed after every edit.
   */
  scanReads?: RegExp;
}

/** Everything a markdown-it instance's features declared, merged. */
export interface Syntax {
  readonly features: readonly SyntaxDeclaration[];
  readonly containers: ReadonlyMap<string, ContainerDeclaration>;
  readonly markerClasses: readonly string[];
  /** Attribute names (prefixes keep their `*`): the deck's own first, then HTML's (HTML_ATTRIBUTES). */
  readonly attributes: readonly string[];
  /** The deck's own keys (meta.ts), then the features'. */
  readonly frontMatter: Readonly<Record<string, FrontMatterField<unknown>>>;
  isKnownAttribute(name: string): boolean;
}

/** The feature name of HTML's own attributes (syntax/attributes.ts): listed after the deck's. */
export const HTML_ATTRIBUTES = 'HTML attributes';

// Declarations are install-time data of one markdown-it instance, like its rules: kept beside
// the instance, never in env (they do not change per render).
const DECLARED = new WeakMap<MarkdownIt, SyntaxDeclaration[]>();
const MERGED = new WeakMap<MarkdownIt, Syntax>();

/**
 * Declares what a feature adds, and registers its containers with markdown-it-container. Call it
 * from the feature's plugin: `md.use(myFeature)` then makes the whole feature known.
 */
export function declareSyntax(md: MarkdownIt, declaration: SyntaxDeclaration): void {
  const declared = DECLARED.get(md) ?? [];
  for (const c of declaration.containers ?? []) {
    if (declared.some((d) => d.containers?.some((other) => other.name === c.name))) throw new Error(`container "::: ${c.name}" is declared twice (by ${declaration.feature})`);
    const validate = c.attributeForm ? (info: string) => opensContainer(c.name, info) : undefined;
    md.use(container, c.name, { render: (tokens: Token[], idx: number) => c.render(tokens[idx]!), ...(validate ? { validate } : {}) });
  }
  declared.push(declaration);
  DECLARED.set(md, declared);
  MERGED.delete(md);
}

export function syntaxOf(md: MarkdownIt): Syntax {
  let syntax = MERGED.get(md);
  if (syntax) return syntax;
  const features = DECLARED.get(md) ?? [];
  const isHtml = (f: SyntaxDeclaration) => f.feature === HTML_ATTRIBUTES;
  const attributes = [...features.filter((f) => !isHtml(f)), ...features.filter(isHtml)].flatMap((f) => f.attributes ?? []).map((a) => a.name);
  const exact = new Set(attributes.filter((a) => !a.endsWith('*')));
  const prefixes = attributes.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1));
  syntax = {
    features,
    containers: new Map(features.flatMap((f) => f.containers ?? []).map((c) => [c.name, c])),
    markerClasses: features.flatMap((f) => f.markerClasses ?? []).map((c) => c.name),
    attributes,
    frontMatter: Object.assign({}, FRONT_MATTER, ...features.map((f) => f.frontMatter ?? {})),
    isKnownAttribute: (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p) && /^[a-z0-9-]+$/.test(name.slice(p.length)) && name.length > p.length),
  };
  MERGED.set(md, syntax);
  return syntax;
}

/** `::: name` of a container token (`container_name_open` / `_close`). */
export function containerName(token: Token): string {
  return token.type.slice('container_'.length, token.nesting === 1 ? -'_open'.length : -'_close'.length);
}

/** Whether a container's opening line (after its colons) opens `::: name`, in either form. */
function opensContainer(name: string, info: string): boolean {
  const text = info.trim();
  if (text.split(/\s/, 1)[0] === name) return true;
  const braces = /^\{\s*\.([\w-]+)/.exec(text);
  return braces?.[1] === name && text.endsWith('}');
}

/** One parameter: a word, `key=value`, `key="quoted value"` (a quoted value may hold spaces). */
const PARAMETER = /[^\s=]+=(?:"[^"]*"|'[^']*'|\S*)|\S+/g;

/**
 * The `key=value` parameters written after `::: name` (or inside `::: {.name …}`), as written
 * (the checks validate them; a quoted value keeps its quotes: see `unquoted`).
 */
export function containerParams(token: Token): { key: string; value: string | undefined; text: string }[] {
  let info = token.info.trim();
  if (info.startsWith('{') && info.endsWith('}')) info = info.slice(1, -1).trim();
  return [...info.matchAll(PARAMETER)]
    .map(([text]) => text)
    .slice(1)
    .map((text) => {
      const at = text.indexOf('=');
      return at < 0 ? { key: text, value: undefined, text } : { key: text.slice(0, at), value: text.slice(at + 1), text };
    });
}

/** A parameter's value without the quotes around it (`"Before you start"` → `Before you start`). */
export function unquoted(value: string): string {
  return /^(["']).*\1$/s.test(value) && value.length >= 2 ? value.slice(1, -1) : value;
}
