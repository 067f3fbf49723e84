// Light or dark: the deck follows the system (prefers-color-scheme) unless the presenter forces one,
// by URL (`?theme=dark`, `?theme=light`) or by pressing T (auto → dark → light → auto) on a room's
// projector that the system setting knows nothing about. The choice stays in the URL, so a reload keeps it.
export type ThemeChoice = 'auto' | 'dark' | 'light';

const ORDER: ThemeChoice[] = ['auto', 'dark', 'light'];
const PARAM = 'theme';

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

function choiceFromUrl(): ThemeChoice {
  const value = new URLSearchParams(location.search).get(PARAM);
  return ORDER.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'auto';
}

function remember(choice: ThemeChoice): void {
  const url = new URL(location.href);
  if (choice === 'auto') url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, choice);
  history.replaceState(history.state, '', url);
}

applyTheme(choiceFromUrl());

document.addEventListener('keydown', (event) => {
  if (event.key !== 't' && event.key !== 'T') return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target instanceof HTMLElement && event.target.closest('input, textarea, [contenteditable]')) return;
  const next = ORDER[(ORDER.indexOf(choiceFromUrl()) + 1) % ORDER.length]!;
  applyTheme(next);
  remember(next);
});
