// The reveal.js instance type, for the runtime's small modules.
import type Reveal from 'reveal.js';

export type Deck = InstanceType<typeof Reveal>;
