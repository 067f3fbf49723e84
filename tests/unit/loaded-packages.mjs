// `node --import ./tests/unit/loaded-packages.mjs …`: when the process exits, writes the names of
// the packages it loaded (from node_modules, through import or require) to $LOADED_PACKAGES_OUT,
// as a JSON array. tests/unit/lazy-loading.test.ts runs `npm run check`'s script with it.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
register('./loaded-packages-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
port1.unref();

process.on('exit', () => {
  const urls = new Set(Object.keys(createRequire(import.meta.url).cache));
  for (let message; (message = receiveMessageOnPort(port1)); ) urls.add(message.message);
  const packages = new Set();
  for (const url of urls) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (name) packages.add(name);
  }
  if (process.env.LOADED_PACKAGES_OUT) writeFileSync(process.env.LOADED_PACKAGES_OUT, JSON.stringify([...packages].sort()));
});
