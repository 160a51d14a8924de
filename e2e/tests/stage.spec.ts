import { expect, test, type Browser, type Page } from '@playwright/test';
import config from '../playwright.config.ts';
import { DEMO_PASSWORD, SLUG, expectAccessible, signIn } from './fixtures.ts';

// The live stage in real Chromium against real mediasoup: the demo speaker gets ready backstage, the demo moderator
// puts them on stage, two attendees watch in the session room and their browsers decode the picture and receive the
// sound; a shared screen appears as a second picture; taken off stage, the pictures go.
//
// Chromium's fake devices stand in for a camera (a moving test pattern), a microphone (a beep) and a screen; the fake
// UI grants the permission prompts and picks the screen. `--allow-loopback-in-peer-connection` lets ICE use 127.0.0.1,
// which is all a CI box may have. The counters come from `window.__samlingStageStats()`, a read-only accessor of the
// app (numbers from RTCPeerConnection.getStats() of the open stage, nothing else; see client/src/media/stages.ts).
test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [
      ...(config.use?.launchOptions?.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--auto-select-desktop-capture-source=Entire screen',
      // As a real browser does (Playwright's default lets everything play): sound needs a click on the page.
      '--autoplay-policy=user-gesture-required',
    ],
  },
});

// A day-two session on the big stage that no other journey touches.
const TITLE = 'Testbädd Sverige: en nationell karta';

type Stats = { inbound: { kind: string; framesDecoded: number; packetsReceived: number; frameWidth: number }[]; outbound: { kind: string; packetsSent: number; framesEncoded: number }[] };
const stats = (page: Page) => page.evaluate(() => (window as unknown as { __samlingStageStats: () => Promise<Stats> }).__samlingStageStats());
const sum = (s: Stats, kind: string, key: 'framesDecoded' | 'packetsReceived') => s.inbound.filter((r) => r.kind === kind).reduce((n, r) => n + r[key], 0);

/** Video frames decoded and sound packets received keep growing between two reads a second apart. */
async function expectReceiving(page: Page) {
  const before = await stats(page);
  await expect.poll(async () => sum(await stats(page), 'video', 'framesDecoded'), { timeout: 15_000 }).toBeGreaterThan(sum(before, 'video', 'framesDecoded') + 10);
  await expect.poll(async () => sum(await stats(page), 'audio', 'packetsReceived'), { timeout: 15_000 }).toBeGreaterThan(sum(before, 'audio', 'packetsReceived') + 10);
}

async function person(browser: Browser, role: 'moderator' | 'speaker' | 'attendee') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  return { context, page };
}

/** Signed in through the API: the page has never been clicked, so the browser will not play sound by itself. */
async function untouched(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const res = await page.request.post('/api/auth/signin', { data: { email: 'attendee@samling.test', password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  return { context, page };
}

test('a speaker goes live from the backstage; attendees see and hear them, then their screen; taken off stage, it stops', async ({ browser }) => {
  test.setTimeout(180_000);
  const moderator = await person(browser, 'moderator');
  const speaker = await person(browser, 'speaker');
  // One attendee signed in by hand, one through the API who never clicked the page (the browser refuses sound to it).
  const audience = [await person(browser, 'attendee'), await untouched(browser)];

  const agenda = await (await moderator.page.request.get(`/api/events/${SLUG}`)).json();
  const session = agenda.sessions.find((s: { title: string }) => s.title === TITLE);
  expect(session?.stageId, 'the demo session has a stage').toBeTruthy();
  const sessionPath = `/e/${SLUG}/s/${session.id}`;

  // The moderator starts the session (it may be live already when the same server ran this before).
  const m = moderator.page;
  await m.goto(sessionPath);
  await expect(m.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const start = m.getByRole('button', { name: 'Starta sessionen' });
  await expect(start.or(m.getByRole('button', { name: 'Avsluta sessionen' }))).toBeVisible();
  if (await start.isVisible()) await start.click();
  await expect(m.getByRole('button', { name: 'Avsluta sessionen' })).toBeVisible();

  // The attendees open the session room: the stage is there, and nobody is on it.
  for (const { page } of audience) {
    await page.goto(sessionPath);
    await expect(page.getByRole('region', { name: 'Scenen live' })).toBeVisible();
    await expect(page.getByText('Ingen är på scen just nu.')).toBeVisible();
    // Attendees have no backstage.
    await expect(page.getByRole('link', { name: /Till backstage/ })).toHaveCount(0);
  }
  await expectAccessible(audience[0]!.page);

  // The speaker goes backstage from the session room: a preview, labelled device choices, a moving level meter.
  const s = speaker.page;
  await s.goto(sessionPath);
  await s.getByRole('link', { name: 'Till backstage för Stora scenen' }).click();
  await expect(s.getByRole('heading', { level: 1, name: 'Backstage: Stora scenen' })).toBeVisible();
  await expect(s.getByText('Du är backstage. En moderator sätter dig på scen när det är dags.')).toBeVisible();
  const preview = s.getByTestId('backstage-preview');
  await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(s.getByLabel('Kamera', { exact: true }).locator('option')).not.toHaveCount(0);
  await expect(s.getByLabel('Mikrofon', { exact: true }).locator('option')).not.toHaveCount(0);
  const meter = s.getByRole('meter', { name: 'Mikrofonnivå' });
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
  await expectAccessible(s);

  // The moderator opens the same backstage, sees the speaker there and puts them on stage.
  await m.goto(`/e/${SLUG}/stages/${session.stageId}/backstage`);
  const putOn = m.getByRole('button', { name: 'Sätt Sam Talare på scen' });
  await expect(putOn).toBeVisible();
  await expectAccessible(m);
  // The speaker sees who else is backstage.
  await expect(s.getByRole('region', { name: 'Backstage nu' }).getByText('Moa Moderator')).toBeVisible();
  // By keyboard, as anyone may run the stage.
  await putOn.focus();
  await m.keyboard.press('Enter');
  await expect(m.getByRole('button', { name: 'Ta av Sam Talare från scen' })).toBeVisible();
  await expect(s.getByText('Du är live på scen.')).toBeVisible();

  // Both attendees see the speaker's camera, decode it and receive the sound; the live region said who came on.
  for (const { page } of audience) {
    await expect(page.getByLabel('Kamera: Sam Talare')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('[aria-live="polite"]').filter({ hasText: 'Sam Talare är nu på scen' })).toBeAttached();
    await expectReceiving(page);
  }
  await expectAccessible(audience[1]!.page);
  // The speaker does not receive themselves (they have their preview); they send camera and microphone.
  expect((await stats(s)).inbound.filter((r) => r.framesDecoded > 0)).toEqual([]);

  // The speaker mutes: the audience is told and no more sound arrives; unmuted, it flows again.
  await s.getByRole('button', { name: 'Stäng av mikrofonen' }).click();
  const listener = audience[0]!.page;
  await expect(listener.getByText('Sam Talare har stängt av mikrofonen')).toBeVisible();
  await listener.waitForTimeout(500);
  const silent = sum(await stats(listener), 'audio', 'packetsReceived');
  await listener.waitForTimeout(1500);
  expect(sum(await stats(listener), 'audio', 'packetsReceived')).toBe(silent);
  await s.getByRole('button', { name: 'Slå på mikrofonen' }).click();
  await expect(listener.getByText('Sam Talare har stängt av mikrofonen')).toHaveCount(0);
  await expect.poll(async () => sum(await stats(listener), 'audio', 'packetsReceived'), { timeout: 10_000 }).toBeGreaterThan(silent + 10);

  // Simulcast: the camera goes out in three sizes; a player made small asks for a smaller one, and gets it.
  await expect.poll(async () => (await stats(s)).outbound.filter((r) => r.kind === 'video' && r.framesEncoded > 0).length).toBe(3);
  const widest = async (page: Page) => Math.max(0, ...(await stats(page)).inbound.filter((r) => r.kind === 'video').map((r) => r.frameWidth));
  const narrow = audience[1]!.page;
  await narrow.setViewportSize({ width: 340, height: 800 }); // a phone: the picture is under 360 pixels wide
  await narrow.bringToFront(); // a page in the background does not run its ResizeObserver
  const wide = await widest(audience[0]!.page);
  expect(wide).toBeGreaterThan(0);
  await expect.poll(() => widest(narrow), { timeout: 15_000 }).toBeLessThan(wide);
  await expectReceiving(narrow);

  // The attendee who never clicked: the browser refused sound, the player says so and offers it; one click and it plays.
  const quiet = audience[1]!.page;
  await expect(quiet.getByText('Webbläsaren startade scenen utan ljud.')).toBeVisible();
  await quiet.getByRole('button', { name: 'Slå på ljud' }).click();
  // Full screen takes the player, its controls with it.
  await quiet.getByRole('button', { name: 'Helskärm' }).click();
  await expect(quiet.getByRole('button', { name: 'Lämna helskärm' })).toBeVisible();
  expect(await quiet.evaluate(() => document.fullscreenElement?.className)).toBe('stage-player');
  await quiet.getByRole('button', { name: 'Lämna helskärm' }).click();
  await expect(quiet.getByRole('button', { name: 'Helskärm' })).toBeVisible();
  await expect(quiet.getByRole('button', { name: 'Stäng av ljud' })).toBeVisible();
  await expect.poll(() => quiet.getByTestId('stage-audio').evaluate((a: HTMLAudioElement) => !a.paused && !a.muted)).toBe(true);

  // The moderator picks "speaker with screen"; the speaker shares the screen: a second picture for the audience.
  await m.getByRole('radio', { name: 'Talare med skärm' }).check();
  await s.getByRole('button', { name: 'Dela skärm' }).click();
  await expect(s.getByRole('button', { name: 'Sluta dela skärm' })).toBeVisible();
  for (const { page } of audience) {
    await expect(page.getByLabel('Skärm: Sam Talare')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('stage-video')).toHaveCount(2);
    await expect.poll(async () => (await stats(page)).inbound.filter((r) => r.kind === 'video' && r.framesDecoded > 0).length, { timeout: 15_000 }).toBe(2);
  }

  // Taken off stage: the pictures go, the player says nobody is on stage, and no more frames are decoded.
  await m.getByRole('button', { name: 'Ta av Sam Talare från scen' }).click();
  await expect(s.getByText('Du är backstage. En moderator sätter dig på scen när det är dags.')).toBeVisible();
  for (const { page } of audience) {
    await expect(page.getByTestId('stage-video')).toHaveCount(0);
    await expect(page.getByText('Ingen är på scen just nu.')).toBeVisible();
    const after = sum(await stats(page), 'video', 'framesDecoded');
    await page.waitForTimeout(1500);
    expect(sum(await stats(page), 'video', 'framesDecoded')).toBe(after);
  }

  for (const p of [moderator, speaker, ...audience]) await p.context.close();
});
