// What an SVG figure may hold: an allowlist of elements and attributes, after DOMPurify's SVG and
// SVG-filter profiles (cure53/DOMPurify src/tags.ts, src/attrs.ts), narrowed to pictures: no
// <script>, <style>, <foreignObject>, <image>, fonts or cursors. Anything not named here is left
// out of the figure, with an error. Names are compared in lower case (parse5 gives SVG's own
// camelCase: `viewBox`, `linearGradient`).

/** The SVG elements a figure may use. */
export const SVG_ELEMENTS: ReadonlySet<string> = lowerCaseSet([
  // structure
  'svg', 'g', 'defs', 'symbol', 'use', 'switch', 'a', 'title', 'desc', 'metadata', 'view',
  // shapes and text
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textPath',
  // paint servers, markers, clipping
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'marker', 'clipPath', 'mask',
  // filters
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix',
  'feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode',
  'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence',
  // animation (what each may animate is checked: see ANIMATABLE)
  'animate', 'set', 'animateTransform', 'animateMotion', 'mpath',
]);

/** The animation elements: their `attributeName` must name an attribute in ANIMATABLE. */
export const ANIMATION_ELEMENTS: ReadonlySet<string> = lowerCaseSet(['animate', 'set', 'animateTransform', 'animateMotion']);

/**
 * How an attribute's value is checked:
 * - `css`: a presentation attribute or a value a browser may read as CSS (a `url()` could load
 *   from elsewhere): checked by safety/css.ts (`url()` only to `#id`, a few known functions);
 * - `fragment`: a reference, only to a part of the same document (`#id`);
 * - `target`: an animation's `attributeName`, only one of ANIMATABLE;
 * - `text`: words for people (labels, language), never read as a URL or CSS;
 * - `namespace`: `xmlns` and `xmlns:xlink`, only with their own namespace.
 */
export type AttributeKind = 'css' | 'fragment' | 'target' | 'text' | 'namespace';

/** Geometry, paint and filter attributes: all read as values, some (`fill`, `filter`) as CSS. */
const PRESENTATION = [
  'alignment-baseline', 'amplitude', 'azimuth', 'baseFrequency', 'baseline-shift', 'bias', 'clip',
  'clipPathUnits', 'clip-path', 'clip-rule', 'color', 'color-interpolation', 'color-interpolation-filters',
  'color-rendering', 'cx', 'cy', 'd', 'diffuseConstant', 'direction', 'display', 'divisor', 'dominant-baseline',
  'dx', 'dy', 'edgeMode', 'elevation', 'exponent', 'fill', 'fill-opacity', 'fill-rule', 'filter',
  'filterUnits', 'flood-color', 'flood-opacity', 'font-family', 'font-size', 'font-size-adjust',
  'font-stretch', 'font-style', 'font-variant', 'font-weight', 'fr', 'fx', 'fy', 'gradientTransform',
  'gradientUnits', 'height', 'image-rendering', 'in', 'in2', 'intercept', 'k', 'k1', 'k2', 'k3', 'k4',
  'kernelMatrix', 'kernelUnitLength', 'lengthAdjust', 'letter-spacing', 'lighting-color', 'limitingConeAngle',
  'marker-end', 'marker-mid', 'marker-start', 'markerHeight', 'markerUnits', 'markerWidth', 'mask',
  'mask-type', 'maskContentUnits', 'maskUnits', 'mode', 'numOctaves', 'offset', 'opacity', 'operator',
  'order', 'orient', 'overflow', 'paint-order', 'pathLength', 'patternContentUnits', 'patternTransform',
  'patternUnits', 'points', 'pointsAtX', 'pointsAtY', 'pointsAtZ', 'preserveAlpha', 'preserveAspectRatio',
  'primitiveUnits', 'r', 'radius', 'refX', 'refY', 'result', 'rotate', 'rx', 'ry', 'scale', 'seed',
  'shape-rendering', 'side', 'slope', 'spacing', 'specularConstant', 'specularExponent', 'spreadMethod',
  'startOffset', 'stdDeviation', 'stitchTiles', 'stop-color', 'stop-opacity', 'stroke', 'stroke-dasharray',
  'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity',
  'stroke-width', 'surfaceScale', 'tableValues', 'targetX', 'targetY', 'text-anchor', 'text-decoration',
  'text-rendering', 'textLength', 'transform', 'transform-origin', 'type', 'unicode-bidi', 'vector-effect',
  'viewBox', 'visibility', 'width', 'word-spacing', 'writing-mode', 'x', 'x1', 'x2', 'xChannelSelector',
  'y', 'y1', 'y2', 'yChannelSelector', 'z',
];

/** Animation timing and values: checked as CSS too (`values="url(…)"` on `fill` would load it). */
const ANIMATION = [
  'accumulate', 'additive', 'begin', 'by', 'calcMode', 'dur', 'end', 'fill', 'from', 'keyPoints',
  'keySplines', 'keyTimes', 'max', 'min', 'origin', 'path', 'repeatCount', 'repeatDur', 'restart', 'to', 'values',
  'attributeType',
];

/** The attributes a figure may use, by how their values are checked. */
export const SVG_ATTRIBUTES: ReadonlyMap<string, AttributeKind> = new Map<string, AttributeKind>([
  ...PRESENTATION.map((name) => [name.toLowerCase(), 'css'] as const),
  ...ANIMATION.map((name) => [name.toLowerCase(), 'css'] as const),
  ['version', 'css'],
  ['baseprofile', 'css'],
  ['systemlanguage', 'text'],
  ['href', 'fragment'],
  ['xlink:href', 'fragment'],
  ['attributename', 'target'],
  // the engine's own: ids are prefixed per use, classes carry steps and theme colours
  ['id', 'text'],
  ['class', 'text'],
  ['data-step', 'text'],
  // namespaces, language, accessibility
  ['xmlns', 'namespace'],
  ['xmlns:xlink', 'namespace'],
  ['xml:space', 'text'],
  ['xml:lang', 'text'],
  ['lang', 'text'],
  ['role', 'text'],
  ['tabindex', 'text'],
  ['focusable', 'text'],
  ['aria-hidden', 'text'],
  ['aria-label', 'text'],
  ['aria-labelledby', 'text'],
  ['aria-describedby', 'text'],
]);

/**
 * What an animation may change: shapes, positions, colours, opacity. Never a link (`href`), a
 * style, a class, an id or an event handler: `<set attributeName="href" to="javascript:…">` on an
 * `<a>` would make a link that runs script.
 */
export const ANIMATABLE: ReadonlySet<string> = lowerCaseSet(PRESENTATION);

function lowerCaseSet(names: string[]): Set<string> {
  return new Set(names.map((name) => name.toLowerCase()));
}
