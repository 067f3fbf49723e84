// Starts `npm run present` for a test (port 0: the system picks a free one; 127.0.0.1 only) and
// reads the URLs it prints.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Presenting {
  audienceUrl: string;
  remoteUrl: string;
  secret: string;
  origin: string;
  stop(): Promise<void>;
}

export function startPresenting(deck?: string, timeoutMs = 30_000): Promise<Presenting> {
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'present', '--', ...(deck ? [deck] : []), '--port', '0', '--host', '127.0.0.1', '--no-build'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() ends npm and the server under it
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`npm run present did not start:\n${output}`))), timeoutMs);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const audience = /Audience[^:]*: (\S+)/.exec(output)?.[1];
      const remote = /Remote[^:]*: (\S+)/.exec(output)?.[1];
      if (!audience || !remote) return;
      clearTimeout(timer);
      resolve({ audienceUrl: audience, remoteUrl: remote, secret: remote.split('/').at(-1)!, origin: new URL(audience).origin, stop });
    });
    child.once('exit', (code) => reject(new Error(`npm run present exited (${code}):\n${output}`)));
  });
}
