import { expect, test } from '@playwright/test';
import { SLUG, signIn } from './fixtures.ts';

const TITLE = '"><img src=x onerror=alert(1)><script>alert(2)</script> & Co';
const CHAT = '<b>fet?</b> <img src=x onerror=alert(3)> javascript:alert(4) https://example.se/?q=<x>';

test('hostile text from organisers and attendees is shown as text, never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, 'organiser');
  const agenda = await (await page.request.get(`/api/events/${SLUG}`)).json();
  const day = agenda.event.endDate as string;
  const created = await page.request.post(`/api/events/${SLUG}/sessions`, {
    headers: { origin: new URL(page.url()).origin },
    data: { title: TITLE, abstract: `<iframe src="javascript:alert(5)"></iframe>\n${TITLE}`, startsAt: `${day}T19:00:00+01:00`, endsAt: `${day}T19:30:00+01:00` },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).session.id as string;

  await page.goto(`/e/${SLUG}/s/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText('<iframe src="javascript:alert(5)"></iframe>')).toBeVisible();
  expect(await page.locator('main img[src="x"], main script, main iframe').count()).toBe(0);

  await page.goto(`/e/${SLUG}/lobby`);
  await page.getByRole('textbox', { name: 'Meddelande' }).fill(CHAT);
  await page.getByRole('button', { name: 'Skicka' }).click();
  await expect(page.getByText('<b>fet?</b>', { exact: false }).first()).toBeVisible();
  expect(await page.locator('main b, main img[src="x"]').count()).toBe(0);
  // Only the http(s) address becomes a link; "javascript:" stays text.
  await expect(page.getByRole('link', { name: /example\.se/ })).toHaveAttribute('href', /^https:\/\/example\.se\//);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);

  expect(dialogs).toEqual([]);
});
