// The loader's public surface: Markdown → deck model → HTML, plus frames for the text export.
export { compileDeck, createDeckCompiler, type CompileOptions } from './compile.ts';
export { deckFrames, slideFrames, framesToText, type Frame } from './frames.ts';
export { createMarkdown, markdownItDeck } from './markdown.ts';
export { pageTitle } from './meta.ts';
export { renderDocument, headTags, canonicalUrl, type DocumentOptions, type ShareImage } from './document.ts';
export * from './model.ts';
export { formatDiagnostic, hasErrors } from './format.ts';
export { codeLanguageNames, type CodeHighlighter, type CodeToken } from './syntax/code/highlighter.ts';
export { deckOffline, OFFLINE_KEY } from './syntax/offline.ts';
