// The steps inside a figure: each `data-step` part of an SVG is one of the figure token's inner
// steps (markInnerSteps). These helpers tie the figure token to its file and position, so the
// step-conflict check treats the parts as inside the figure (as `{step=1}` inside a list item is
// inside it) and reports a conflict at the image, where the author can see it.
import type { Token } from 'markdown-it';
import { fragmentMark, type FragmentMark } from '../steps/fragment-meta.ts';

export interface FigurePart {
  /** The figure's own token (it carries the figure's mark when the figure is a step too). */
  figure: Token;
  /** The figure file, as written. */
  src: string;
  /** 1-based column of the image's file name on its line. */
  column: number;
}

export function markFigurePart(figure: Token, part: FigurePart): void {
  figure.meta = { ...(figure.meta ?? {}), figurePart: part };
}

export function figurePart(token: Token): FigurePart | undefined {
  return token.meta?.figurePart as FigurePart | undefined;
}

/**
 * The latest-appearing mark a part sits in: its figure's, or (when the figure is no step or an
 * earlier one) what the figure itself sits in.
 */
export function partContainer(part: FigurePart, outer: FragmentMark | undefined): FragmentMark | undefined {
  const own = fragmentMark(part.figure);
  return own?.index !== undefined && (!outer || own.index > outer.index!) ? own : outer;
}

/** The step-conflict error for a part, said as for Markdown's `{step=N}`, at the image. */
export function partConflictMessage(part: FigurePart, mark: FragmentMark, container: FragmentMark): string {
  return `figure ${part.src}: conflicting step orders: data-step="${mark.step}" comes before the step of the element it is inside (line ${container.line}), so it cannot appear earlier than that`;
}
