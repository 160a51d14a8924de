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

test('hostile names, organisations, invitation labels and privacy notices are shown as text, never run', async ({ page, browser }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, 'organiser');
  const origin = new URL(page.url()).origin;
  const label = '<img src=x onerror=alert(6)> Länsstyrelsen';
  expect((await page.request.post(`/api/events/${SLUG}/invitations`, { headers: { origin }, data: { label } })).status()).toBe(201);
  const notice = `Behandling av personuppgifter <script>alert(7)</script> <a href="javascript:alert(8)">läs</a>`;
  expect((await page.request.post(`/api/events/${SLUG}/privacy-notices`, { headers: { origin }, data: { textSv: notice } })).status()).toBe(201);

  // Someone registers with markup in their name and organisation.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  other.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const stamp = Date.now().toString(36);
  const name = `"><svg onload=alert(9)> Mallory ${stamp}`;
  const version = (await (await other.request.get(`/api/events/${SLUG}/registration`)).json()).notice.version;
  const registered = await other.request.post(`/api/events/${SLUG}/register`, {
    headers: { origin },
    data: { displayName: name, organisation: '<b>Fet AB</b>', consent: true, noticeVersion: version, account: { email: `mallory-${stamp}@samling.test`, password: 'ett-langt-e2e-losenord' } },
  });
  expect(registered.ok(), await registered.text()).toBe(true);
  // The notice is shown as text on its own page.
  await other.goto(`/e/${SLUG}/register/notice`);
  await expect(other.getByText('<script>alert(7)</script>', { exact: false }).first()).toBeVisible();
  expect(await other.locator('main script, main a[href^="javascript:"]').count()).toBe(0);

  await page.goto(`/e/${SLUG}/manage?section=invitations`);
  await expect(page.getByText(label).first()).toBeVisible();
  await page.goto(`/e/${SLUG}/manage?section=members`);
  await expect(page.getByText(name).first()).toBeVisible();
  await expect(page.getByText('<b>Fet AB</b>').first()).toBeVisible();
  expect(await page.locator('main img[src="x"], main svg[onload], main b').count()).toBe(0);

  expect(dialogs).toEqual([]);
  await stranger.close();
});
