import { expect, test, type Browser, type Page } from '@playwright/test';
import { SLUG, expectAccessible, signIn } from './fixtures.ts';

// A day-two session no other journey touches.
const TITLE = 'Yrkesutbildning i takt med industrin';

/** A fresh attendee in their own browser context: signed up and joined through the API, then the app loaded. */
async function newAttendee(browser: Browser, displayName: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@samling.test`;
  const signup = await page.request.post('/api/auth/signup', { data: { email, password: 'e2e-attendee-password', displayName } });
  expect(signup.ok(), await signup.text()).toBe(true);
  const join = await page.request.post(`/api/events/${SLUG}/join`);
  expect(join.ok(), await join.text()).toBe(true);
  return { context, page };
}

async function signedIn(browser: Browser, role: 'moderator' | 'attendee') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return { context, page };
}

/** The parts of the room a person looks at. */
function room(page: Page) {
  const log = page.getByTestId('chat-log');
  return {
    log,
    items: log.getByRole('listitem'),
    message: (text: string) => log.getByRole('listitem').filter({ hasText: text }),
    field: page.getByLabel('Meddelande', { exact: true }),
    send: page.getByRole('button', { name: 'Skicka', exact: true }),
    async post(text: string) {
      await this.field.fill(text);
      await this.send.click();
    },
  };
}

const sessionCard = (page: Page) => page.locator('article', { has: page.getByRole('link', { name: TITLE, exact: true }) });

test('a live session room: start, chat, react, moderate, slow mode, close and reopen, reload without duplicates', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const fromA = `Hej från Alva ${stamp}`;
  const fromB = `Hej från Bertil ${stamp}`;

  const moderator = await signedIn(browser, 'moderator');
  const a = await signedIn(browser, 'attendee');
  const b = await newAttendee(browser, 'Bertil Besökare');

  // Both attendees look at day two of the programme; the session is not live yet.
  for (const { page } of [a, b]) {
    await page.goto(`/e/${SLUG}`);
    await page.getByRole('tab').nth(1).click();
    await expect(sessionCard(page)).toBeVisible();
    await expect(sessionCard(page).getByText('Live nu')).toHaveCount(0);
  }

  // The moderator opens the session page and starts the session.
  const m = moderator.page;
  await m.goto(`/e/${SLUG}`);
  await m.getByRole('tab').nth(1).click();
  await m.getByRole('link', { name: TITLE, exact: true }).click();
  await expect(m.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  // Scheduled on a fresh database; ended if an earlier run (same server) got to the end.
  await expect(m.getByText('Rummet öppnar när sessionen startar').or(m.getByText('Sessionen har avslutats', { exact: true }).first())).toBeVisible();
  await m.getByRole('button', { name: 'Starta sessionen' }).click();
  await expect(m.getByRole('button', { name: 'Avsluta sessionen' })).toBeVisible();
  await expect(room(m).field).toBeEnabled();

  // The attendees' agenda says so without a reload; they go in.
  for (const { page } of [a, b]) {
    await expect(sessionCard(page).getByText('Live nu')).toBeVisible();
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await expect(room(page).field).toBeEnabled();
    await expect(page.getByText(/\d+ här just nu/)).toBeVisible();
  }

  // They chat: each sees the other's message.
  await room(a.page).post(fromA);
  await expect(room(b.page).message(fromA)).toBeVisible();
  await expect(room(a.page).field).toHaveValue('');
  await room(b.page).post(fromB);
  await expect(room(a.page).message(fromB)).toBeVisible();
  await expect(room(a.page).message(fromA)).toHaveCount(1);

  // They react: both see the counts, and the emoji float up.
  await a.page.getByRole('button', { name: 'Reagera med 👍' }).click();
  await b.page.getByRole('button', { name: 'Reagera med 🎉' }).click();
  await Promise.all(
    [a.page, b.page].map(async (page) => {
      await expect(page.getByTestId('reaction-bursts').locator('.reaction-burst').first()).toBeAttached();
      await expect(page.getByTestId('reaction-count-👍')).toHaveText('1');
      await expect(page.getByTestId('reaction-count-🎉')).toHaveText('1');
    }),
  );

  await expectAccessible(a.page);
  await expect(room(m).message(fromA)).toBeVisible();
  await expectAccessible(m);

  // The moderator deletes Alva's message: it goes for everyone.
  await room(m).message(fromA).getByRole('button', { name: 'Ta bort' }).click();
  await expect(room(a.page).message(fromA)).toHaveCount(0);
  await expect(room(b.page).message(fromA)).toHaveCount(0);
  await expect(room(b.page).message(fromB)).toBeVisible();

  // Slow mode, 30 s: Bertil's second message within 30 s is refused and says how long to wait.
  await m.getByLabel('Långsamt läge', { exact: true }).selectOption('30');
  await expect(b.page.getByText('Långsamt läge: ett meddelande per 30 sekunder.')).toBeVisible();
  const slowAlert = b.page.getByRole('alert').filter({ hasText: /Långsamt läge: vänta \d+ sekunder innan du skickar nästa meddelande\./ });
  const firstSlow = `Första i långsamt läge ${stamp}`;
  await room(b.page).post(firstSlow);
  // Bertil wrote moments ago, so even this one may be refused; either way the next one within 30 s must be.
  await expect(room(b.page).message(firstSlow).or(slowAlert)).toBeVisible();
  const secondSlow = `Andra i långsamt läge ${stamp}`;
  await room(b.page).field.fill(secondSlow);
  await expect(slowAlert).toHaveCount(0); // editing clears the previous attempt's error
  await room(b.page).send.click();
  await expect(slowAlert).toBeVisible();
  await expect(room(b.page).field).toHaveValue(secondSlow);
  await expect(room(b.page).message(secondSlow)).toHaveCount(0);
  await expect(room(a.page).message(secondSlow)).toHaveCount(0);
  await m.getByLabel('Långsamt läge', { exact: true }).selectOption('0');
  await expect(b.page.getByText('Långsamt läge: ett meddelande per 30 sekunder.')).toHaveCount(0);

  // The moderator closes the chat: the attendees see it closed and cannot send.
  await m.getByRole('button', { name: 'Stäng chatten' }).click();
  await expect(m.getByRole('button', { name: 'Öppna chatten' })).toBeVisible();
  for (const { page } of [a, b]) {
    await expect(page.getByText('Chatten är stängd', { exact: true })).toBeVisible();
    await expect(room(page).field).toBeDisabled();
    await expect(room(page).send).toBeDisabled();
  }

  // And opens it again.
  await m.getByRole('button', { name: 'Öppna chatten' }).click();
  for (const { page } of [a, b]) {
    await expect(page.getByText('Chatten är stängd', { exact: true })).toHaveCount(0);
    await expect(room(page).field).toBeEnabled();
  }
  const again = `Öppet igen ${stamp}`;
  await room(a.page).post(again);
  await expect(room(b.page).message(again)).toBeVisible();

  // Alva reloads: the conversation is there, each message once.
  await expect(room(a.page).items).toHaveCount(await room(b.page).items.count());
  const before = await room(a.page).items.allTextContents();
  await a.page.reload();
  await expect(room(a.page).message(again)).toBeVisible();
  await expect(room(a.page).items).toHaveCount(before.length);
  expect(await room(a.page).items.allTextContents()).toEqual(before);
  await expect(room(a.page).message(fromB)).toHaveCount(1);
  await expect(room(a.page).message(fromA)).toHaveCount(0);

  // The moderator ends the session; the room stays readable but closed.
  await m.getByRole('button', { name: 'Avsluta sessionen' }).click();
  await expect(a.page.getByText('Sessionen har avslutats', { exact: true }).first()).toBeVisible();
  await expect(room(a.page).field).toBeDisabled();

  await Promise.all([moderator.context.close(), a.context.close(), b.context.close()]);
});

test('the lobby chat is for members; visitors are asked to sign in', async ({ browser }) => {
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(`/e/${SLUG}/lobby`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lobby' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Logga in för att delta i chatten' })).toBeVisible();
  await expect(page.getByLabel('Meddelande', { exact: true })).toHaveCount(0);
  await visitor.close();

  const a = await signedIn(browser, 'attendee');
  await a.page.goto(`/e/${SLUG}`);
  await a.page.getByRole('link', { name: 'Lobby', exact: true }).click();
  const text = `Lobbyhälsning ${Date.now().toString(36)}`;
  await room(a.page).post(text);
  await expect(room(a.page).message(text)).toBeVisible();
  await expect(a.page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectAccessible(a.page);
  await a.context.close();
});
