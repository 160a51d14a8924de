import { expect, test } from '@playwright/test';
import { SLUG, expectAccessible, signIn } from './fixtures.ts';

test.describe('every page passes axe-core (no serious or critical WCAG 2.1 AA violation)', () => {
  test('public pages, in Swedish and in English', async ({ page }) => {
    for (const lang of ['sv', 'en'] as const) {
      await page.goto('/');
      await page.evaluate((l) => localStorage.setItem('samling.lang', l), lang);
      const sessionPath = await page.request.get(`/api/events/${SLUG}`).then(async (r) => `/e/${SLUG}/s/${(await r.json()).sessions[1].id}`);
      for (const path of ['/', `/e/${SLUG}`, sessionPath, `/e/${SLUG}/my`, '/signin', '/signup', '/finns-inte']) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        await expectAccessible(page);
      }
    }
  });

  test('signed-in pages: personal agenda and the organiser editor', async ({ page }) => {
    await signIn(page, 'organiser');
    const editor = ['sessions', 'tracks', 'stages', 'speakers', 'event', 'import', 'members', 'audit'].map((s) => `/e/${SLUG}/manage?section=${s}`);
    for (const path of [`/e/${SLUG}`, `/e/${SLUG}/my`, ...editor]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectAccessible(page);
    }
  });

  test('the agenda on a phone', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`/e/${SLUG}`);
    await expect(page.getByText('Välkommen till Smart industri-dagarna 2026').first()).toBeVisible();
    // No horizontal scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await expectAccessible(page);
    await context.close();
  });
});

test('the language switch is remembered across visits', async ({ page }) => {
  await page.goto(`/e/${SLUG}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('link', { name: 'Mitt program' })).toBeVisible();
  await page.getByLabel('Språk / Language').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'My programme' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'My programme' })).toBeVisible();
});

test('times show in the event’s zone, with the viewer’s own zone beside them when it differs', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'sv-SE' });
  const page = await context.newPage();
  const agenda = await (await page.request.get(`/api/events/${SLUG}`)).json();
  const first = agenda.sessions.find((s: { title: string }) => s.title === 'Välkommen till Smart industri-dagarna 2026');
  const hm = (iso: string, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  await page.goto(`/e/${SLUG}`);
  await expect(page.getByText(`${hm(first.startsAt, 'Europe/Stockholm')}–${hm(first.endsAt, 'Europe/Stockholm')}`).first()).toBeVisible();
  await expect(page.getByText(new RegExp(`${hm(first.startsAt, 'America/New_York')}–${hm(first.endsAt, 'America/New_York')}`)).first()).toBeVisible();
  await context.close();
});
