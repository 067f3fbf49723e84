// `npm run docs:syntax`: rewrites the table of names the syntax knows in docs/authoring.md from
// the syntax features' declarations (tests/unit/syntax-features.test.ts fails when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMarkdown } from '../src/core/markdown.ts';
import { syntaxOf } from '../src/core/syntax/feature.ts';
import { REFERENCE_END, REFERENCE_START, syntaxReference } from '../src/core/syntax/reference.ts';

const file = path.join(import.meta.dirname, '../docs/authoring.md');
const docs = readFileSync(file, 'utf8');
const start = docs.indexOf(REFERENCE_START);
const end = docs.indexOf(REFERENCE_END);
if (start < 0 || end < start) {
  console.error(`${file}: the markers of the generated table are missing`);
  process.exit(1);
}
writeFileSync(file, docs.slice(0, start) + syntaxReference(syntaxOf(createMarkdown())) + docs.slice(end + REFERENCE_END.length));
console.log(`${path.relative(process.cwd(), file)}: table of names updated`);
