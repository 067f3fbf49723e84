// The presenter view: reveal.js's notes plugin. `S` opens a speaker window with the current and
// next step, the `::: notes` of the slide, elapsed time and a clock. The plugin is bundled and its
// window is written from memory (no URL is fetched), so it works offline and from file://.
import RevealNotes from 'reveal.js/plugin/notes';

export const presenterPlugins = [RevealNotes];
