// What a step number is, in one place: a whole number from 1, written in decimal digits. Markdown
// attributes (`{step=2}`), container parameters (`::: replace step=2`) and SVG parts
// (`data-step="2"`) all read it here, so `1e1`, `2.0`, `+2` or `0x2` mean the same everywhere: no.
const STEP_NUMBER = /^[1-9]\d*$/;

/** The step a written value asks for, or undefined when it is not a step number. */
export function parseStep(written: string): number | undefined {
  return STEP_NUMBER.test(written) ? Number(written) : undefined;
}

/** The diagnostic for a value that is not a step number; `name` is what it was written as. */
export function stepNumberError(name: string, written: string): string {
  return `${name} must be a whole number from 1, got "${written}"`;
}
