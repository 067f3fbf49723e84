// `npm run new -- <name>`: starts slides/<name>.md from a short template that shows each marker
// once. The deck is served at /<name>/ by `npm start` and built there by `npm run build`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DECK_NAME, RESERVED_NAMES, urlSafeName } from '../src/node/read-deck.ts';
import { helpIfAsked } from './usage.ts';

helpIfAsked(process.argv.slice(2), `
usage: npm run new -- <name>
Starts slides/<name>.md from a short template that shows each marker once; npm start serves it at
/<name>/. A name is lower-case letters, digits and dashes.`);
const name = process.argv[2] ?? '';
const folder = process.env.DECKS_DIR ?? 'slides';
if (!DECK_NAME.test(name)) {
  const hint = urlSafeName(name) ? ` (try "${urlSafeName(name)}")` : '';
  console.error(`usage: npm run new -- <name>: a deck name is lower-case letters, digits and dashes${hint}`);
  process.exit(1);
}
if (RESERVED_NAMES.includes(name)) {
  console.error(`"${name}" is taken by the site itself; pick another name`);
  process.exit(1);
}
const file = path.join(folder, `${name}.md`);
if (existsSync(file)) {
  console.error(`${file} already exists; pick another name`);
  process.exit(1);
}
const template = readFileSync(path.join(import.meta.dirname, 'templates/deck.md'), 'utf8');
const title = name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
mkdirSync(folder, { recursive: true });
writeFileSync(file, template.replace('%TITLE%', title).replace('%DATE%', new Date().toISOString().slice(0, 10)));
console.log(`created ${file}: \`npm start\` and open /${name}/, \`npm run check ${file}\` to check it`);
