// markdown-it's fixture format: a header line, `.`, the input, `.`, the expected output, `.`.
// Each case remembers the line of its header so a failing test names it: "line 12: header".
import { readFileSync } from 'node:fs';

export interface FixtureCase {
  header: string;
  line: number;
  input: string;
  expected: string;
}

export function readFixtures(file: string): FixtureCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: FixtureCase[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i + 1] !== '.' || lines[i]!.trim() === '') {
      i++;
      continue;
    }
    const header = lines[i]!;
    const line = i + 1;
    const blocks: string[][] = [[], []];
    i += 2;
    for (const block of blocks) {
      while (i < lines.length && lines[i] !== '.') block.push(lines[i++]!);
      i++;
    }
    cases.push({ header, line, input: blocks[0]!.join('\n') + '\n', expected: blocks[1]!.join('\n') + '\n' });
  }
  return cases;
}
