// Whether a CSS value (a `style` attribute, an SVG presentation attribute) is safe to keep: it may
// call only the functions named here, and url() only to a part of the same page (`#id`). Anything
// else could load from another host (`url()`, `image-set()`, `image()`, `src()`, `cross-fade()`)
// or compute a value from the page (`attr()`).

/** The CSS functions a value may call; url() is checked apart. */
export const CSS_FUNCTIONS: ReadonlySet<string> = new Set(
  [
    // colours
    'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'light-dark',
    // numbers
    'calc', 'min', 'max', 'clamp', 'var',
    // transforms (SVG's own syntax and CSS's)
    'matrix', 'matrix3d', 'translate', 'translateX', 'translateY', 'translateZ', 'translate3d', 'scale',
    'scaleX', 'scaleY', 'scaleZ', 'scale3d', 'rotate', 'rotateX', 'rotateY', 'rotateZ', 'rotate3d', 'skew',
    'skewX', 'skewY', 'perspective',
    // filter effects
    'blur', 'brightness', 'contrast', 'drop-shadow', 'grayscale', 'hue-rotate', 'invert', 'opacity',
    'saturate', 'sepia',
    // timing
    'cubic-bezier', 'steps',
  ].map((name) => name.toLowerCase()),
);

/** A CSS function's name and opening parenthesis (`url(`, `rgb(`): a function token has no space before its `(`. */
const CSS_FUNCTION = /([-\w]+)\(/g;
/** `url(#id)`, quoted or not: the only url() a value may hold. */
const FRAGMENT_URL = /^url\(\s*(['"]?)#[\p{L}\p{N}_.:-]+\1\s*\)/iu;

/** Why a CSS value may not be kept, or undefined when it may. */
export function cssValueProblem(value: string): string | undefined {
  // A CSS escape (`\75 rl(`) could spell any function or URL.
  if (value.includes('\\')) return 'its value has a backslash escape';
  for (const match of value.matchAll(CSS_FUNCTION)) {
    const fn = match[1]!.toLowerCase();
    if (fn === 'url') {
      if (!FRAGMENT_URL.test(value.slice(match.index))) return 'url() may only point to a part of the same page (url(#id)); anything else loads from elsewhere';
    } else if (!CSS_FUNCTIONS.has(fn)) {
      return `${fn}() could load from elsewhere`;
    }
  }
  return undefined;
}
