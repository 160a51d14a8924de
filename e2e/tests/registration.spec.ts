import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './fixtures.ts';

// Joining an event by invitation, start to end. Each step is its own `test.step` so the journey can be extended
// (the personal-data download and account deletion come after the last one).
test('an organiser invites by link; a new person registers with consent, is in the member list, downloads their data and deletes their account', async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const slug = `e2e-anmalan-${stamp}`;
  const person = { name: 'Ingrid Inbjuden', organisation: 'Länsstyrelsen i Skåne', email: `ingrid-${stamp}@samling.test`, password: 'ett-langt-e2e-losenord' };

  const organiserContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const organiser = await organiserContext.newPage();
  let invitationUrl = '';

  await test.step('the organiser makes a new event (the demo event stays open for the other journeys)', async () => {
    await signIn(organiser, 'organiser');
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const res = await organiser.request.post('/api/events', { data: { slug, name: `Anmälningsdagen ${stamp}`, startDate: day, endDate: day } });
    expect(res.status(), await res.text()).toBe(201);
  });

  await test.step('the organiser switches registration to invitation only, with 50 places', async () => {
    await organiser.goto(`/e/${slug}/manage?section=registration`);
    await expect(organiser.getByRole('heading', { level: 2, name: 'Anmälan' })).toBeVisible();
    await expect(organiser.getByText('0 anmälda deltagare, inget tak')).toBeVisible();
    await organiser.getByLabel('Bara med inbjudan').check();
    await organiser.getByLabel('Antal platser').fill('50');
    await organiser.getByRole('button', { name: 'Spara anmälan' }).click();
    await expect(organiser.getByText('Inställningarna för anmälan är sparade.')).toBeVisible();
    await expect(organiser.getByText('0 av 50 platser')).toBeVisible();
    await expectAccessible(organiser);
  });

  await test.step('the organiser makes an invitation and copies its link', async () => {
    await organiser.getByRole('link', { name: 'Inbjudningar' }).click();
    await organiser.getByLabel('Beskrivning').fill('Länsstyrelserna');
    await organiser.getByRole('button', { name: 'Skapa inbjudan' }).click();
    await expect(organiser.getByText('Inbjudan är skapad. Kopiera länken och skicka den.')).toBeVisible();
    const row = organiser.getByRole('row').filter({ hasText: 'Länsstyrelserna' });
    await expect(row).toContainText('Aktiv');
    await organiser.getByRole('button', { name: 'Kopiera länk till inbjudan Länsstyrelserna' }).click();
    const copied = organiser.getByText(/^Länken är kopierad: /);
    await expect(copied).toBeVisible();
    invitationUrl = (await copied.textContent())!.replace('Länken är kopierad: ', '').trim();
    expect(invitationUrl).toMatch(new RegExp(`/e/${slug}/register\\?invitation=[A-Z2-9]{12}$`));
    expect(await organiser.evaluate(() => navigator.clipboard.readText())).toBe(invitationUrl);
    await expectAccessible(organiser);
  });

  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();

  await test.step('a new person opens the link signed out and creates their account with consent', async () => {
    await newcomer.goto(new URL(invitationUrl).pathname + new URL(invitationUrl).search);
    await expect(newcomer.getByRole('heading', { level: 1, name: `Anmälan till Anmälningsdagen ${stamp}` })).toBeVisible();
    await expect(newcomer.getByText('Inbjudan gäller. Du anmäls som deltagare.', { exact: false })).toBeVisible();
    const notice = newcomer.getByRole('region', { name: 'Behandling av personuppgifter' });
    await expect(notice).toContainText('Behandling av personuppgifter');
    await expectAccessible(newcomer);
    // Sending without the box ticked is refused, with the reason beside the box.
    await newcomer.getByLabel('Namn', { exact: true }).fill(person.name);
    await newcomer.getByLabel('Organisation (frivilligt)').fill(person.organisation);
    await newcomer.getByLabel('E-post').fill(person.email);
    await newcomer.getByLabel('Lösenord').fill(person.password);
    await newcomer.getByRole('button', { name: 'Anmäl mig' }).click();
    const consent = newcomer.getByRole('checkbox', { name: /godkänner den/ });
    await expect(consent).toHaveAttribute('aria-invalid', 'true');
    await expect(consent).toBeFocused();
    await expectAccessible(newcomer);
    await consent.check();
    await newcomer.getByRole('button', { name: 'Anmäl mig' }).click();
  });

  await test.step('they land in the event, signed in as a member', async () => {
    await expect(newcomer).toHaveURL(new RegExp(`/e/${slug}$`));
    await expect(newcomer.getByRole('button', { name: /Logga ut/ })).toBeVisible();
    const me = await (await newcomer.request.get('/api/auth/me')).json();
    expect(me.memberships).toEqual([{ eventSlug: slug, role: 'attendee' }]);
    await expect(newcomer.getByText('Anmäl dig till evenemanget')).toHaveCount(0);
  });

  await test.step('the organiser sees them in the member list with the consent version', async () => {
    await organiser.goto(`/e/${slug}/manage?section=members`);
    const row = organiser.getByRole('row').filter({ hasText: person.email });
    await expect(row).toContainText(person.name);
    await expect(row).toContainText(person.organisation);
    await expect(row).toContainText('Deltagare');
    await expect(row).toContainText('Version 1');
    await organiser.goto(`/e/${slug}/manage?section=registration`);
    await expect(organiser.getByText('1 av 50 platser')).toBeVisible();
    await expectAccessible(organiser);
  });

  await test.step('they download everything held about them: the account, the membership and the consent with its version', async () => {
    await newcomer.getByRole('button', { name: new RegExp(`Inloggad som ${person.name}`) }).click();
    await newcomer.getByRole('link', { name: 'Mina uppgifter' }).click();
    await expect(newcomer.getByRole('heading', { level: 1, name: 'Mina uppgifter' })).toBeVisible();
    const [download] = await Promise.all([
      newcomer.waitForEvent('download'),
      newcomer.getByRole('link', { name: 'Ladda ner mina uppgifter (JSON)' }).click(),
    ]);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(data.account).toMatchObject({ email: person.email, displayName: person.name, organisation: person.organisation });
    expect(data.memberships).toEqual([expect.objectContaining({ eventSlug: slug, role: 'attendee' })]);
    expect(data.consents).toEqual([expect.objectContaining({ noticeVersion: 1 })]);
  });

  await test.step('they delete their account; the organiser no longer finds them among the members', async () => {
    await newcomer.getByLabel('Ditt lösenord').fill(person.password);
    await newcomer.getByRole('button', { name: 'Radera mitt konto' }).click();
    await expect(newcomer.getByText('Ditt konto är raderat. Du är utloggad.')).toBeVisible();
    expect((await newcomer.request.post('/api/auth/signin', { data: { email: person.email, password: person.password } })).status()).toBe(401);
    await organiser.goto(`/e/${slug}/manage?section=members`);
    await expect(organiser.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expect(organiser.getByRole('row').filter({ hasText: person.email })).toHaveCount(0);
    await organiser.goto(`/e/${slug}/manage?section=registration`);
    await expect(organiser.getByText('0 av 50 platser')).toBeVisible();
  });

  await organiserContext.close();
  await newcomerContext.close();
});
