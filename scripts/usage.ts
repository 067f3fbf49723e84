// `--help` (or `-h`) for the npm run scripts: each prints how it is called and exits, doing nothing else.

/** When `args` ask for help, print `usage` and exit with status 0. */
export function helpIfAsked(args: readonly string[], usage: string): void {
  if (!args.includes('--help') && !args.includes('-h')) return;
  console.log(usage.trim());
  process.exit(0);
}
