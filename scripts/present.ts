// npm run present [deck] [-- --port 4600 --host 0.0.0.0 --no-build]
// Builds the site if it is older than its sources, serves it on the local network, and prints the
// audience URL, the phone's remote URL (a fresh secret at each start) and its QR code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';
import { DIST, ensureBuild } from './export-build.ts';
import { startPresent } from '../src/node/present/server.ts';
import { helpIfAsked } from './usage.ts';

const ROOT_DECK = 'collaborations-in-ml';

const USAGE = `
usage: npm run present [-- deck] [--port N] [--host ADDRESS] [--no-build]
Serves the built site on the local network (building it first when it is older than its sources)
and prints the audience URL, the phone remote's URL (a fresh secret at each start) and its QR code.
  deck            a deck name or slides/<name>.md (default: ${ROOT_DECK})
  --port N        the port (default: 4600)
  --host ADDRESS  the address to listen on (default: 0.0.0.0, every interface)
  --no-build      serve dist/ as it is`;

function parseArgs(argv: string[]) {
  helpIfAsked(argv, USAGE);
  let deck = ROOT_DECK;
  let port = 4600;
  let host = '0.0.0.0';
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') port = Number(argv[++i]);
    else if (arg === '--host') host = argv[++i] ?? host;
    else if (arg === '--no-build') build = false;
    else if (!arg.startsWith('-')) deck = path.basename(arg, '.md');
    else throw new Error(`unknown option "${arg}" (a deck name or slides/<name>.md; --port N; --host ADDRESS; --no-build)`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port takes a number from 0 to 65535');
  return { deck, port, host, build };
}

/** The phone page's script: src/present/remote.ts with its types stripped. */
export async function remoteScript(): Promise<string> {
  const file = fileURLToPath(new URL('../src/present/remote.ts', import.meta.url));
  return (await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'ts' })).code;
}

async function main() {
  const { deck, port, host, build } = parseArgs(process.argv.slice(2));
  if (build && (await ensureBuild())) console.log('Built the site.');
  const deckPath = deck === ROOT_DECK ? '/' : `/${deck}/`;
  if (!existsSync(path.join(DIST, deckPath, 'index.html'))) throw new Error(`no deck "${deck}" in ${DIST}/ (decks are slides/<name>.md)`);
  const server = await startPresent({ site: DIST, deckPath, port, host, remoteScript: await remoteScript() });
  console.log(`\nPresenting ${deck}\n`);
  console.log(`  Audience (this laptop, the projector): ${server.audienceUrl}`);
  console.log(`  Remote (your phone; keep it to yourself): ${server.remoteUrl}\n`);
  console.log(await server.terminalQr());
  console.log('Scan the code with the phone (same Wi-Fi). A new secret at each start; Ctrl+C stops.');
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: Error) => {
    console.error(`present: ${error.message}`);
    process.exit(1);
  });
}
