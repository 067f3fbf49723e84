// The loader's public surface: Markdown → deck model → HTML, plus frames for the text export.
export { compileDeck, type CompileOptions } from './compile';
export { deckFrames, slideFrames, framesToText, type Frame } from './frames';
export { createMarkdown } from './markdown';
export { pageTitle } from './meta';
export { renderDocument } from './document';
export * from './model';
export { formatDiagnostic, hasErrors } from './format';
