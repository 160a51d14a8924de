import { expect, test, type Browser, type Page } from '@playwright/test';
import { SLUG, expectAccessible, signIn } from './fixtures.ts';

// A film on the stage in real Chromium: the organiser uploads a WebM (recorded in the browser from a canvas with
// MediaRecorder, so no binary lives in the repository), the moderator puts it on a session's stage and plays it; an
// attendee in the room and someone who comes in while it plays see the same picture at the same moment; a pause stops it.

async function signedIn(browser: Browser, role: 'organiser' | 'moderator' | 'speaker' | 'attendee') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return { context, page };
}

/** Records `seconds` of a moving canvas as WebM (VP8) in the page and returns its bytes. */
async function recordWebm(page: Page, seconds: number): Promise<Buffer> {
  const base64 = await page.evaluate(async (ms) => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const g = canvas.getContext('2d')!;
    let frame = 0;
    const draw = setInterval(() => {
      g.fillStyle = `hsl(${(frame * 7) % 360} 70% 50%)`;
      g.fillRect(0, 0, 160, 90);
      g.fillStyle = '#fff';
      g.fillText(String(frame++), 10, 50);
    }, 40);
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(250);
    await new Promise((r) => setTimeout(r, ms));
    recorder.stop();
    await done;
    clearInterval(draw);
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, seconds * 1000);
  return Buffer.from(base64, 'base64');
}

const video = (page: Page) => page.locator('.film-stage video');
const currentTime = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => v.currentTime);
const isPaused = (page: Page) => video(page).evaluate((v: HTMLVideoElement) => v.paused);

test('a film on the stage: uploaded by the organiser, played by the moderator, in step for an attendee and a late joiner; pause stops it', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const fileName = `Filmvisning ${stamp}.webm`;

  // The organiser records a film while the others sign in.
  const organiser = await signedIn(browser, 'organiser');
  const o = organiser.page;
  const [webm, moderator, attendee, late] = await Promise.all([
    recordWebm(o, 20),
    signedIn(browser, 'moderator'),
    signedIn(browser, 'attendee'),
    signedIn(browser, 'speaker'),
  ]);
  expect(webm.subarray(0, 4).toString('hex')).toBe('1a45dfa3');

  // It is uploaded in the editor's "Filmer".
  await o.goto(`/e/${SLUG}/manage?section=films`);
  await expect(o.getByRole('heading', { level: 2, name: 'Filmer' })).toBeVisible();
  await o.getByLabel('Filmfil').setInputFiles({ name: fileName, mimeType: 'video/webm', buffer: webm });
  await o.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(o.getByRole('status').filter({ hasText: `”${fileName}” är uppladdad.` })).toBeVisible();
  await expect(o.locator('.film-list').getByText(fileName, { exact: true })).toBeVisible();
  await expectAccessible(o);

  // A session of its own, live now, on a stage of its own (no other journey's stage is disturbed).
  const stage = await o.request.post(`/api/events/${SLUG}/stages`, { data: { name: `Biografen ${stamp}` } });
  expect(stage.ok(), await stage.text()).toBe(true);
  const created = await o.request.post(`/api/events/${SLUG}/sessions`, {
    data: { title: `Film ${stamp}`, stageId: (await stage.json()).id, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 30 * 60_000).toISOString() },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const sessionId = (await created.json()).session.id as string;
  expect((await o.request.patch(`/api/events/${SLUG}/sessions/${sessionId}`, { data: { status: 'live' } })).ok()).toBe(true);

  // The moderator puts the film on the stage; the attendee, in the room, sees it paused at the start.
  const m = moderator.page;
  const a = attendee.page;
  await m.goto(`/e/${SLUG}/s/${sessionId}`);
  await a.goto(`/e/${SLUG}/s/${sessionId}`);
  const controls = m.getByRole('region', { name: 'Film på scenen' });
  await controls.getByLabel('Film', { exact: true }).selectOption({ label: fileName });
  await controls.getByRole('button', { name: 'Lägg på scenen' }).click();
  await expect(a.getByRole('heading', { name: `Film: ${fileName}` })).toBeVisible();
  await expect(a.locator('.film-stage').getByRole('status')).toHaveText('Filmen är pausad.');

  // Play: the attendee's picture moves, within a second of the moderator's.
  await controls.getByRole('button', { name: 'Spela' }).click();
  await expect(controls.getByRole('button', { name: 'Pausa' })).toBeVisible();
  await expect(a.locator('.film-stage').getByRole('status')).toHaveText('Filmen spelas.');
  await expect.poll(() => currentTime(a), { timeout: 15_000 }).toBeGreaterThan(1);
  await expect.poll(async () => Math.abs((await currentTime(a)) - (await currentTime(m))), { timeout: 10_000 }).toBeLessThan(1);

  // Someone comes in while it plays: their picture starts where the others are, not at the beginning.
  const l = late.page;
  await l.goto(`/e/${SLUG}/s/${sessionId}`);
  await expect(l.getByRole('heading', { name: `Film: ${fileName}` })).toBeVisible();
  await expect.poll(() => isPaused(l), { timeout: 15_000 }).toBe(false);
  await expect.poll(async () => Math.abs((await currentTime(l)) - (await currentTime(m))), { timeout: 10_000 }).toBeLessThan(1);
  expect(await currentTime(l)).toBeGreaterThan(1);
  await expectAccessible(a);
  await expectAccessible(m);

  // The moderator pauses: the pictures stop, at the same place.
  await controls.getByRole('button', { name: 'Pausa' }).click();
  await expect(a.locator('.film-stage').getByRole('status')).toHaveText('Filmen är pausad.');
  await expect.poll(() => isPaused(a)).toBe(true);
  await expect.poll(() => isPaused(l)).toBe(true);
  const stopped = await currentTime(a);
  await a.waitForTimeout(1200);
  expect(await currentTime(a)).toBeCloseTo(stopped, 1);
  expect(Math.abs(stopped - (await currentTime(m)))).toBeLessThan(0.5);
  expect(Math.abs(stopped - (await currentTime(l)))).toBeLessThan(0.5);

  // Off the stage: the film goes for everyone.
  await controls.getByRole('button', { name: 'Ta bort från scenen' }).click();
  await expect(a.locator('.film-stage')).toHaveCount(0);
  await expect(l.locator('.film-stage')).toHaveCount(0);

  for (const c of [organiser, moderator, attendee, late]) await c.context.close();
});
