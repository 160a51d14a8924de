import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { SLUG, expectAccessible, signIn } from './fixtures.ts';

// A day-two session no other journey touches.
const TITLE = 'Människa och robot: samarbete på golvet';

async function signedIn(browser: Browser, role: 'organiser' | 'moderator' | 'attendee') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return { context, page };
}

/** One bar of a results chart: the option's row with its count and share. */
async function expectBar(chart: Locator, label: string, count: number, percent: number) {
  const row = chart.getByRole('row').filter({ has: chart.page().getByRole('rowheader', { name: label, exact: true }) });
  await expect(row.getByRole('cell').nth(0)).toHaveText(String(count));
  await expect(row.getByRole('cell').nth(1)).toHaveText(new RegExp(`^${percent}\\s?%$`));
}

const pollPart = (page: Page) => page.getByRole('region', { name: 'Omröstning', exact: true }).or(page.getByRole('tabpanel', { name: 'Omröstning', exact: true }));
const questionPart = (page: Page) => page.getByRole('region', { name: 'Frågor', exact: true }).or(page.getByRole('tabpanel', { name: 'Frågor', exact: true }));

test('polls, Q&A and guests: prepared in the editor, launched in the room, answered by an attendee and a guest, shown live', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  const question = `Vilken teknik påverkar er mest? (${stamp})`;
  const firstQuestion = `Hur finansieras testbäddarna? ${stamp}`;
  const secondQuestion = `Vad gör ni för små företag? ${stamp}`;
  const agenda = await request.get(`/api/events/${SLUG}`).then((r) => r.json());
  const sessionId: string = agenda.sessions.find((s: { title: string }) => s.title === TITLE).id;
  const sessionPath = `/e/${SLUG}/s/${sessionId}`;

  // The organiser prepares a single-choice poll on the session in the agenda editor...
  const organiser = await signedIn(browser, 'organiser');
  const o = organiser.page;
  await o.goto(`/e/${SLUG}/manage?section=polls`);
  await expect(o.getByRole('heading', { level: 2, name: 'Omröstningar' })).toBeVisible();
  await o.getByLabel('Session', { exact: true }).selectOption(sessionId);
  await expect(o.getByRole('heading', { name: `Omröstningar för ${TITLE}` })).toBeVisible();
  const form = o.locator('form.poll-form');
  await expect(form.getByLabel('Typ av fråga')).toHaveValue('single');
  await form.getByLabel('Fråga', { exact: true }).fill(question);
  await form.getByLabel('Alternativ 1', { exact: true }).fill('AI');
  await form.getByLabel('Alternativ 2', { exact: true }).fill('Robotar');
  await form.getByRole('button', { name: 'Lägg till alternativ' }).click();
  await expect(form.getByLabel('Alternativ 3', { exact: true })).toBeFocused();
  await form.getByLabel('Alternativ 3', { exact: true }).fill('Digitala tvillingar');
  await form.getByRole('button', { name: 'Spara omröstning' }).click();
  await expect(o.getByText('Ändringarna är sparade.')).toBeVisible();
  await expect(o.locator('.item-list .item-name').getByText(question, { exact: true })).toBeVisible();
  await expect(o.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectAccessible(o);

  // ...and turns guest access on; the code is read from the page.
  await o.getByRole('link', { name: 'Gäster', exact: true }).click();
  await expect(o.getByRole('heading', { level: 2, name: 'Gäster' })).toBeVisible();
  const allowGuests = o.getByLabel('Tillåt gäster att gå med med kod');
  if (!(await allowGuests.isChecked())) await allowGuests.check();
  await expect(o.getByText('Gäståtkomst är på.').first()).toBeVisible();
  await expect(o.getByTestId('guest-code')).toHaveText(/^\d{6}$/);
  const code = (await o.getByTestId('guest-code').textContent())!;
  await expect(o.getByRole('img', { name: /^QR-kod som leder till .*\/join\?code=\d{6}$/ })).toBeVisible();
  await expectAccessible(o);

  // The moderator starts the session and launches the prepared poll in the room.
  const moderator = await signedIn(browser, 'moderator');
  const m = moderator.page;
  await m.goto(sessionPath);
  await expect(m.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const start = m.getByRole('button', { name: 'Starta sessionen' });
  const end = m.getByRole('button', { name: 'Avsluta sessionen' });
  // Scheduled on a fresh database; live or ended if an earlier run (same server) got that far.
  await expect(start.or(end)).toBeVisible();
  if (await start.isVisible()) await start.click();
  await expect(end).toBeVisible();
  await m.getByRole('button', { name: `Starta omröstningen: ${question}` }).click();
  await expect(m.getByRole('button', { name: `Stäng omröstningen: ${question}` })).toBeVisible();
  await expect(pollPart(m).getByRole('heading', { name: question })).toBeVisible();
  await expect(pollPart(m).getByTestId('poll-voters')).toHaveText('0 svar');

  // Attendee A answers in the room.
  const attendee = await signedIn(browser, 'attendee');
  const a = attendee.page;
  await a.goto(sessionPath);
  await expect(pollPart(a).getByRole('heading', { name: question })).toBeVisible();
  await pollPart(a).getByRole('radio', { name: 'AI' }).check();
  await pollPart(a).getByRole('button', { name: 'Skicka svar' }).click();
  await expect(pollPart(a).getByText('Tack! Ditt svar är registrerat.')).toBeVisible();
  await expect(pollPart(a).getByRole('button', { name: 'Ändra svar' })).toBeVisible();

  // Guest G, on a phone in the hall, joins by the QR link with a display name and answers too.
  const guestContext = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const g = await guestContext.newPage();
  await g.goto(`/join?code=${code}`);
  await expect(g.getByRole('heading', { level: 1, name: 'Gå med som gäst' })).toBeVisible();
  await expect(g.getByLabel('Kod', { exact: true })).toHaveValue(code);
  await g.getByLabel('Ditt namn').fill('Gunnel i salen');
  await g.getByRole('button', { name: 'Gå med' }).click();
  await expect(g).not.toHaveURL(/\/join/);
  await expect(g.getByRole('button', { name: /Logga ut/ })).toBeVisible();
  await g.goto(sessionPath);
  // One column with tabs; the poll's tab is open, since a poll is on screen.
  await expect(g.getByRole('tab', { name: 'Omröstning' })).toHaveAttribute('aria-selected', 'true');
  await pollPart(g).getByRole('radio', { name: 'Robotar' }).check();
  await pollPart(g).getByRole('button', { name: 'Skicka svar' }).click();
  await expect(pollPart(g).getByText('Tack! Ditt svar är registrerat.')).toBeVisible();
  // Guests cannot chat; the composer says so instead of failing.
  await g.getByRole('tab', { name: 'Chatt' }).click();
  await expect(g.getByText('Som gäst kan du rösta och ställa frågor, men inte chatta.', { exact: false })).toBeVisible();
  await expect(g.getByLabel('Meddelande', { exact: true })).toBeDisabled();
  await g.getByRole('tab', { name: 'Omröstning' }).click();

  // The chart updates for all three.
  for (const page of [m, a, g]) {
    const part = pollPart(page);
    await expect(part.getByTestId('poll-voters')).toHaveText('2 svar');
    await expectBar(part, 'AI', 1, 50);
    await expectBar(part, 'Robotar', 1, 50);
    await expectBar(part, 'Digitala tvillingar', 0, 0);
  }
  await expectAccessible(a);
  await expectAccessible(g);

  // The presenter view shows the question, the live chart and the way in (code, link, QR).
  const screen = await moderator.context.newPage();
  await screen.goto(`${sessionPath}/present`);
  await expect(screen.getByRole('heading', { level: 2, name: question })).toBeVisible();
  await expect(screen.getByTestId('presenter-code')).toHaveText(code);
  await expect(screen.getByText(/^Gå till .+\/join$/)).toBeVisible();
  await expect(screen.getByRole('img', { name: /^QR-kod som leder till / })).toBeVisible();
  await expect(screen.getByTestId('poll-voters')).toHaveText('2 svar');
  await expectBar(screen.locator('.presenter-results'), 'AI', 1, 50);
  await expect(screen.getByRole('banner')).toHaveCount(0);
  await expectAccessible(screen);

  // Q&A: A asks two questions; the guest and the moderator upvote the second, which then leads A's list.
  const ask = async (text: string) => {
    await questionPart(a).getByLabel('Din fråga').fill(text);
    await questionPart(a).getByRole('button', { name: 'Skicka fråga' }).click();
    await expect(questionPart(a).getByTestId('question-list').getByText(text)).toBeVisible();
  };
  await ask(firstQuestion);
  await ask(secondQuestion);
  const listOfA = questionPart(a).getByTestId('question-list').getByRole('listitem');
  await expect(listOfA.first()).toContainText(firstQuestion);

  await g.getByRole('tab', { name: 'Frågor' }).click();
  const guestUpvote = questionPart(g).getByRole('button', { name: `Rösta upp: ${secondQuestion}` });
  await guestUpvote.click();
  await expect(guestUpvote).toHaveAttribute('aria-pressed', 'true');
  const moderatorUpvote = questionPart(m).getByRole('button', { name: `Rösta upp: ${secondQuestion}` });
  await moderatorUpvote.click();
  await expect(moderatorUpvote).toHaveAttribute('aria-pressed', 'true');

  await expect(listOfA.first()).toContainText(secondQuestion);
  await expect(listOfA.first().getByTestId('question-votes')).toHaveText(/^2\s*2 röster$/);
  await expect(listOfA.nth(1)).toContainText(firstQuestion);

  // The moderator closes the poll: everyone keeps the final chart.
  await m.getByRole('button', { name: `Stäng omröstningen: ${question}` }).click();
  await expect(m.getByRole('button', { name: `Öppna igen: ${question}` })).toBeVisible();
  await expect(pollPart(a).getByText('Stängd', { exact: true })).toBeVisible();
  await expectBar(pollPart(a), 'Robotar', 1, 50);
  await expectAccessible(m);

  await m.getByRole('button', { name: 'Avsluta sessionen' }).click();
  await expect(a.getByText('Sessionen har avslutats', { exact: true }).first()).toBeVisible();

  await Promise.all([organiser.context.close(), moderator.context.close(), attendee.context.close(), guestContext.close()]);
});
