// The curation app (/curate): sign in with a key, create a draft through the
// form, check that public search does not see it, publish it, check that
// public search finds it, then delete it again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KB_KEY, KB_URL, api, assertAccessible, launch, openPage, screenshot, search, uniqueWord } from './lib.mjs';

describe('curation app', () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  test('sign in, create a draft, publish it, delete it', { skip: KB_KEY ? false : 'KB_KEY is not set' }, async () => {
    const { context, page, watch } = await openPage(browser);
    const word = uniqueWord();
    const id = `browsertest-${word}`;
    const title = `Proefcase ${word} voor de browsertest`;
    const summary = `Een proefcase uit de browsertest met het unieke woord ${word}, om het publiceren te controleren.`;

    // Sign in.
    await page.goto(`${KB_URL}/curate`);
    await page.getByRole('heading', { name: 'Aanmelden', level: 2 }).waitFor();
    await screenshot(page, 'curate-sign-in');
    await page.getByLabel('API-sleutel').fill(KB_KEY);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
    await assert.doesNotReject(() => page.getByRole('status').filter({ hasText: 'U bent aangemeld.' }).waitFor());
    await page.locator('table tbody tr').first().waitFor();
    await screenshot(page, 'curate-list');

    // Create a draft through the form.
    await page.getByRole('link', { name: 'Nieuwe case' }).click();
    await page.getByRole('heading', { name: 'Nieuwe case', level: 2 }).waitFor();
    await page.getByLabel('Id (kleine letters, cijfers, streepjes) *').fill(id);
    await page.getByLabel('Titel *', { exact: true }).fill(title);
    await page.getByLabel('Gemeente *').fill('Utrecht');
    await page.getByRole('group', { name: "Thema's (1 tot 6) *" }).getByLabel('Mobiliteit').check();
    await page.getByLabel('Volwassenheid *').selectOption('pilot');
    assert.equal(await page.getByLabel('Zichtbaarheid').inputValue(), 'draft', 'a new case starts as a draft');
    await page.getByLabel('Samenvatting (20 tot 1000 tekens) *').fill(summary);
    await page.getByLabel('Aanpak *').fill(`De aanpak van ${word}: een kleine proef in één wijk, daarna breder.`);
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByRole('status').filter({ hasText: 'Aangemaakt.' }).waitFor();
    await page.waitForURL((url) => url.hash === `#/case/${id}`);
    await page.getByRole('heading', { name: `Bewerken: ${title}`, level: 2 }).waitFor();

    const stored = await api(`/api/v1/cases/${id}`, { key: KB_KEY });
    assert.equal(stored.status, 200, 'the curator sees the new case');
    assert.equal(stored.data.visibility, 'draft');
    assert.equal(stored.data.municipality, 'Utrecht');
    assert.deepEqual(stored.data.themes, ['mobility']);
    assert.equal(stored.data.maturity, 'pilot');

    // A draft is not public.
    assert.equal((await search({ q: word })).total, 0, 'public search does not find a draft');
    assert.equal((await api(`/api/v1/cases/${id}`)).status, 404, 'the public API does not show a draft');

    // Publish in the UI.
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
    assert.equal(await page.getByLabel('Zichtbaarheid').inputValue(), 'published');
    const found = await search({ q: word });
    assert.equal(found.total, 1, 'public search finds the published case');
    assert.equal(found.hits[0].id, id);
    await screenshot(page, 'curate-editor');

    // The public page shows it.
    const publicPage = await context.newPage();
    await publicPage.goto(`${KB_URL}/cases/${id}`);
    assert.equal((await publicPage.locator('h1').textContent()).trim(), title);
    await publicPage.close();

    // History records the creation and the publication by the test key's name.
    await page.getByRole('link', { name: 'Geschiedenis' }).click();
    await page.getByRole('heading', { name: `Geschiedenis: ${id}` }).waitFor();
    await page.locator('li.change').nth(1).waitFor();
    assert.match(await page.locator('li.change h3').first().textContent(), /door curator-test/);

    // Delete through the confirmation dialog.
    await page.getByRole('link', { name: 'Terug naar de case' }).click();
    await page.getByRole('heading', { name: `Bewerken: ${title}` }).waitFor();
    await page.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Case verwijderen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await page.getByRole('status').filter({ hasText: 'Verwijderd.' }).waitFor();
    assert.equal((await api(`/api/v1/cases/${id}`, { key: KB_KEY })).status, 404, 'the case is gone');
    assert.equal((await search({ q: word })).total, 0, 'public search no longer finds it');

    watch.assertClean('the curation app');
    await context.close();
  });
  // Issue 17 point 11: two curators edit the same case in two browsers. The
  // second save is refused (412) instead of silently reverting the first; the
  // second curator sees the conflict, keeps their edits, and can load the
  // current version.
  test('a save over someone else\'s change shows the conflict', { skip: KB_KEY ? false : 'KB_KEY is not set' }, async () => {
    const word = uniqueWord();
    const id = `browsertest-${word}`;
    const record = {
      id, title: `Conflictcase ${word}`, municipality: 'Utrecht', themes: ['mobility'], maturity: 'pilot', visibility: 'draft',
      summary: `Een proefcase uit de browsertest met het unieke woord ${word}, om gelijktijdig bewerken te controleren.`,
      solution: `De aanpak van ${word}: twee curatoren bewerken dezelfde case.`,
    };
    assert.equal((await api('/api/v1/cases', { method: 'POST', key: KB_KEY, body: record })).status, 201);

    const openEditor = async () => {
      const tab = await openPage(browser);
      await tab.page.goto(`${KB_URL}/curate`);
      await tab.page.getByLabel('API-sleutel').fill(KB_KEY);
      await tab.page.getByRole('button', { name: 'Aanmelden' }).click();
      await tab.page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
      await tab.page.goto(`${KB_URL}/curate#/case/${id}`);
      await tab.page.getByRole('heading', { name: `Bewerken: ${record.title}`, level: 2 }).waitFor();
      return tab;
    };
    const anna = await openEditor();
    const ben = await openEditor();

    await anna.page.getByLabel('Titel *', { exact: true }).fill(`Conflictcase ${word} volgens Anna`);
    await anna.page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await anna.page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();

    const bensSummary = `Bens samenvatting van ${word}, geschreven zonder Anna's wijziging te zien.`;
    await ben.page.getByLabel('Samenvatting (20 tot 1000 tekens) *').fill(bensSummary);
    await ben.page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await ben.page.getByRole('heading', { name: 'Iemand anders heeft deze case intussen gewijzigd.' }).waitFor();
    await ben.page.getByRole('status').filter({ hasText: 'Niet opgeslagen' }).waitFor();
    const stored = await api(`/api/v1/cases/${id}`, { key: KB_KEY });
    assert.equal(stored.data.title, `Conflictcase ${word} volgens Anna`, "Anna's change is not reverted");
    assert.equal(stored.data.summary, record.summary, "Ben's save did not go through");
    assert.equal(await ben.page.getByLabel('Samenvatting (20 tot 1000 tekens) *').inputValue(), bensSummary,
      "Ben's edits stay in the form");
    const conflict = ben.page.getByRole('region', { name: 'Iemand anders heeft deze case intussen gewijzigd.' });
    await assert.doesNotReject(() => conflict.getByText(`Conflictcase ${word} volgens Anna`).waitFor(), 'the current version is shown');
    await assertAccessible(ben.page, '/curate with a save conflict');
    await screenshot(ben.page, 'curate-conflict');

    await conflict.getByRole('button', { name: 'Huidige versie laden' }).click();
    await ben.page.getByRole('heading', { name: `Bewerken: Conflictcase ${word} volgens Anna`, level: 2 }).waitFor();
    await ben.page.getByLabel('Samenvatting (20 tot 1000 tekens) *').fill(bensSummary);
    await ben.page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await ben.page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
    const merged = await api(`/api/v1/cases/${id}`, { key: KB_KEY });
    assert.equal(merged.data.title, `Conflictcase ${word} volgens Anna`);
    assert.equal(merged.data.summary, bensSummary, 'after loading the current version the save goes through');

    anna.watch.assertClean('the first curator');
    // The refused PUT itself is the one expected error line (Chromium logs every 4xx fetch).
    assert.deepEqual(ben.watch.problems().filter((p) => !/status of 412/.test(p)), [], 'the second curator logged errors');
    assert.equal((await api(`/api/v1/cases/${id}`, { method: 'DELETE', key: KB_KEY })).status, 204);
    await anna.context.close();
    await ben.context.close();
  });
});
