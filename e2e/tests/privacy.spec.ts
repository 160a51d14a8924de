import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { SLUG, expectAccessible, signIn } from './fixtures.ts';

test('a person downloads their data, deletes their account, and the others see their message as a deleted user’s', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const title = `Personuppgifter i praktiken ${stamp}`;
  const text = `Hej från Petra ${stamp}`;
  const email = `petra-${stamp}@samling.test`;
  const password = `petras-lösenord-${stamp}`;

  // The organiser makes a session of its own, live now, for this journey (removed at the end).
  const organiser = await browser.newContext();
  const org = await organiser.newPage();
  await signIn(org, 'organiser');
  const created = await org.request.post(`/api/events/${SLUG}/sessions`, {
    data: { title, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const sessionId: string = (await created.json()).session.id;
  expect((await org.request.patch(`/api/events/${SLUG}/sessions/${sessionId}`, { data: { status: 'live' } })).ok()).toBe(true);

  try {
    // Petra signs up, joins the event and writes in the session's room.
    const petraContext = await browser.newContext({ acceptDownloads: true });
    const petra = await petraContext.newPage();
    await petra.goto('/signup');
    await petra.getByLabel('Namn').fill('Petra Persson');
    await petra.getByLabel('E-post').fill(email);
    await petra.getByLabel('Lösenord').fill(password);
    await petra.getByRole('button', { name: 'Skapa konto' }).click();
    await expect(petra.getByRole('button', { name: /Inloggad som Petra Persson/ })).toBeVisible();
    expect((await petra.request.post(`/api/events/${SLUG}/join`)).ok()).toBe(true);
    await petra.goto(`/e/${SLUG}/s/${sessionId}`);
    const field = petra.getByLabel('Meddelande', { exact: true });
    await expect(field).toBeEnabled();
    await field.fill(text);
    await petra.getByRole('button', { name: 'Skicka', exact: true }).click();
    await expect(petra.getByTestId('chat-log').getByRole('listitem').filter({ hasText: text })).toBeVisible();

    // Another attendee sees it under her name.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, 'attendee');
    await other.goto(`/e/${SLUG}/s/${sessionId}`);
    const seen = other.getByTestId('chat-log').getByRole('listitem').filter({ hasText: text });
    await expect(seen).toContainText('Petra Persson');

    // Mina uppgifter, from the account menu: the download holds her message.
    await petra.getByRole('button', { name: /Inloggad som Petra Persson/ }).click();
    await petra.getByRole('link', { name: 'Mina uppgifter' }).click();
    await expect(petra.getByRole('heading', { level: 1, name: 'Mina uppgifter' })).toBeVisible();
    await expectAccessible(petra);
    const [download] = await Promise.all([
      petra.waitForEvent('download'),
      petra.getByRole('link', { name: 'Ladda ner mina uppgifter (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^samling-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(data.account.email).toBe(email);
    expect(data.chatMessages).toEqual([expect.objectContaining({ text, roomName: title, deleted: false })]);
    expect(data.memberships).toEqual([expect.objectContaining({ eventSlug: SLUG, role: 'attendee' })]);

    // She deletes her account with her password and lands signed out on the start page.
    await petra.getByLabel('Ditt lösenord').fill(password);
    await petra.getByRole('button', { name: 'Radera mitt konto' }).click();
    await expect(petra.getByText('Ditt konto är raderat. Du är utloggad.')).toBeVisible();
    await expect(petra).toHaveURL(/\/\?kontoRaderat=1$/);
    await expect(petra.getByRole('link', { name: 'Logga in' })).toBeVisible();
    await expectAccessible(petra);
    const again = await petra.request.post('/api/auth/signin', { data: { email, password } });
    expect(again.status()).toBe(401);

    // The other attendee, opening the room again, sees the message by a deleted user.
    await other.reload();
    await expect(seen).toContainText('Borttagen användare');
    await expect(seen).not.toContainText('Petra Persson');

    // The organiser's privacy section for the event, still running: it says from when it can be purged.
    await org.goto(`/e/${SLUG}/manage?section=privacy`);
    await expect(org.getByRole('heading', { level: 2, name: 'Personuppgifter' })).toBeVisible();
    await expect(org.getByText(/^Kan rensas från /)).toBeVisible();
    await expectAccessible(org);
  } finally {
    await org.request.delete(`/api/events/${SLUG}/sessions/${sessionId}`);
  }
});

test('the sign-in page has no single sign-on button when none is configured', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
  await expect(page.getByRole('link', { name: /e-legitimation|Freja/ })).toHaveCount(0);
});
