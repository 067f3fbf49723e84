// citation-js ships no types of its own: the little of it src/node/bibliography.ts uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
  }
}
declare module '@citation-js/plugin-bibtex' {}
