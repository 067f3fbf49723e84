// `npm start` (vite --open) on a machine without a desktop (no xdg-open on PATH): one line says no
// browser could be opened and gives the address, instead of an `xdg-open ENOENT` stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../..');

/** A port nothing listens on now (another checkout's tests may hold any fixed one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

it.skipIf(process.platform !== 'linux')('says in one line that no browser could be opened, with the URL', async () => {
  const PORT = await freePort();
  const bin = mkdtempSync(path.join(tmpdir(), 'no-desktop-'));
  symlinkSync(process.execPath, path.join(bin, 'node'));
  const { BROWSER: _, ...env } = process.env;
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--open', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...env, PATH: bin },
    stdio: 'pipe',
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  try {
    const deadline = Date.now() + 60_000;
    while (!output.includes('no browser could be opened') && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    // Time for a failed opener's error to arrive, if one was tried.
    await new Promise((r) => setTimeout(r, 1500));
    expect(output).toContain(`no browser could be opened here (xdg-open is not installed): open http://127.0.0.1:${PORT}/`);
    expect(output).not.toContain('ENOENT');
    expect(output).not.toMatch(/^\s+at /m);
  } finally {
    server.kill();
    rmSync(bin, { recursive: true, force: true });
  }
}, 90_000);
