// More than one deck: the built site has every slides/<name>.md at /<name>/, the talk also at
// the root, and a deck's page one folder down finds its scripts, styles and fonts (base './').
import { expect, test } from '@playwright/test';
import { visibleLines } from './visible.ts';

test('the talk is also built at /collaborations-in-ml/, with every asset found', async ({ page, baseURL }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  await page.goto('collaborations-in-ml/');
  await page.locator('.reveal.ready').waitFor();
  expect((await visibleLines(page)).join('\n')).toContain('Collaborations in ML:');
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(`${baseURL}collaborations-in-ml/#/what-is-collaborate`);
  expect(failed).toEqual([]);
});
