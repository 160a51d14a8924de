import { expect, test } from '@playwright/test';
import { SLUG } from './fixtures.ts';
import { jsonSchemaErrors, xmllint } from '../../server/src/modules/schedule/schedule.validate.ts';

test('the agenda page links schedule exports that validate against the frab/pretalx schemas', async ({ page }) => {
  await page.goto(`/e/${SLUG}`);
  const xmlHref = await page.getByRole('link', { name: 'Programmet som XML (frab)' }).getAttribute('href');
  const jsonHref = await page.getByRole('link', { name: 'Programmet som JSON' }).getAttribute('href');
  expect(xmlHref).toBeTruthy();
  expect(jsonHref).toBeTruthy();

  const xml = await page.request.get(xmlHref!);
  expect(xml.headers()['content-type']).toMatch(/xml/);
  const lint = xmllint(await xml.text());
  expect(lint.ok, lint.output).toBe(true);

  const json = await page.request.get(jsonHref!);
  const doc = await json.json();
  expect(jsonSchemaErrors(doc)).toEqual([]);
  expect(doc.schedule.conference.title).toBe('Smart industri-dagarna 2026');
});
