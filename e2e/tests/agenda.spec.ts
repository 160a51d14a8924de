import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { SLUG, signIn, unfoldIcs } from './fixtures.ts';

const TITLE = 'E2E: Framtidens fabrik';

test('an organiser adds a session; an attendee sees it, stars it and downloads its .ics', async ({ browser }) => {
  const organiserContext = await browser.newContext();
  const organiser = await organiserContext.newPage();
  await signIn(organiser, 'organiser');
  await organiser.getByRole('link', { name: 'Evenemang' }).first().click();
  await organiser.getByRole('link', { name: 'Smart industri-dagarna 2026' }).click();
  await organiser.getByRole('link', { name: 'Administrera' }).click();

  const form = organiser.locator('form', { has: organiser.getByRole('button', { name: 'Spara session' }) });
  await form.getByLabel('Titel').fill(TITLE);
  await form.getByLabel('Dag').selectOption({ index: 1 });
  await form.getByLabel('Starttid').fill('16:45');
  await form.getByLabel('Sluttid').fill('17:15');
  await form.getByLabel('Scen').selectOption({ label: 'Scen 2' });
  await form.getByLabel('Spår').selectOption({ label: 'Industri 4.0' });
  await form.getByRole('button', { name: 'Spara session' }).click();
  await expect(organiser.getByText(TITLE).first()).toBeVisible();

  // The same slot again is a double booking: the organiser is told, in Swedish.
  await form.getByLabel('Titel').fill('Krockande session');
  await form.getByLabel('Dag').selectOption({ index: 1 });
  await form.getByLabel('Starttid').fill('17:00');
  await form.getByLabel('Sluttid').fill('17:30');
  await form.getByLabel('Scen').selectOption({ label: 'Scen 2' });
  await form.getByRole('button', { name: 'Spara session' }).click();
  await expect(organiser.getByRole('alert').filter({ hasText: TITLE })).toBeVisible();

  const attendeeContext = await browser.newContext({ acceptDownloads: true });
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, 'attendee');
  await attendee.goto(`/e/${SLUG}`);
  await attendee.getByRole('tab').nth(1).click();
  await expect(attendee.getByText(TITLE).first()).toBeVisible();
  await expect(attendee.getByText('Krockande session')).toHaveCount(0);

  const star = attendee.getByRole('button', { name: `Stjärnmärk ${TITLE}` }).first();
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');

  await attendee.getByRole('link', { name: 'Mitt program' }).click();
  await expect(attendee.getByText(TITLE).first()).toBeVisible();

  await attendee.getByRole('link', { name: TITLE }).first().click();
  await expect(attendee.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const [download] = await Promise.all([
    attendee.waitForEvent('download'),
    attendee.getByRole('link', { name: 'Ladda ner kalenderfil (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = unfoldIcs(fs.readFileSync(await download.path(), 'utf8'));
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`SUMMARY:${TITLE.replace(/[,;]/g, '\\$&')}`);
  expect(ics).toContain('LOCATION:Scen 2');

  // Stars survive a reload: they live on the server.
  await attendee.goto(`/e/${SLUG}/my`);
  await expect(attendee.getByText(TITLE).first()).toBeVisible();

  await organiserContext.close();
  await attendeeContext.close();
});
