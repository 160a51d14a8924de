import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const SLUG = 'smart-industri-dagarna-2026';
export const DEMO_PASSWORD = 'e2e-demo-password';

export async function signIn(page: Page, role: 'organiser' | 'moderator' | 'speaker' | 'attendee') {
  await page.goto('/signin');
  await page.getByLabel('E-post').fill(`${role}@samling.test`);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('button', { name: /Logga ut/ })).toBeVisible();
}

/** axe-core on the current page: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(bad, bad.join('\n')).toEqual([]);
}

/** iCalendar lines are folded at 75 octets; unfold before reading them. */
export const unfoldIcs = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
