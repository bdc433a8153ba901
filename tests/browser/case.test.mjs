// The case page (GET /cases/{id}): reuse, similar solutions, title and description.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KB_URL, api, launch, openPage, screenshot, search } from './lib.mjs';

// The first published case (in title order) that other municipalities reused.
async function adoptedCase() {
  const all = await search({ q: '', sort: 'title', per_page: 100 });
  assert.ok(all.total > 0, 'the index has cases');
  for (const hit of all.hits) {
    const { status, data } = await api(`/api/v1/cases/${encodeURIComponent(hit.id)}`);
    assert.equal(status, 200, `GET /api/v1/cases/${hit.id}`);
    if (Array.isArray(data.adopted_by) && data.adopted_by.length > 0) return data;
  }
  assert.fail('no case in the corpus has adopted_by');
}

describe('case page', () => {
  let browser;
  let record;
  before(async () => {
    browser = await launch();
    record = await adoptedCase();
  });
  after(async () => { await browser?.close(); });

  test('shows the case, "Hergebruikt door", "Vergelijkbare oplossingen", <title> and meta description', async () => {
    const { context, page, watch } = await openPage(browser);
    const response = await page.goto(`${KB_URL}/cases/${encodeURIComponent(record.id)}`);
    assert.equal(response.status(), 200);

    assert.equal((await page.locator('h1').textContent()).trim(), record.title);
    assert.equal(await page.title(), `${record.title} — Kennisbank Smart Society`);
    const description = await page.locator('head meta[name="description"]').getAttribute('content');
    assert.ok(description && description.length >= 20, `meta description: "${description}"`);
    assert.ok(record.summary.startsWith(description.replace(/…$/, '')), 'the description is (the start of) the summary');
    assert.equal(await page.locator('head meta[name="robots"]').count(), 0, 'a published case may be indexed');

    const reused = page.getByRole('region', { name: 'Hergebruikt door' });
    await reused.getByRole('heading', { name: 'Hergebruikt door', level: 2 }).waitFor();
    // Every municipality of reused_by (adopted_by plus those with a derived case of their own).
    assert.deepEqual((await reused.locator('li').allTextContents()).map((s) => s.trim()),
      record.reused_by.map((r) => r.municipality));
    for (const name of record.adopted_by) assert.ok(record.reused_by.some((r) => r.municipality === name), name);

    const similar = page.getByRole('region', { name: 'Vergelijkbare oplossingen' });
    await similar.getByRole('heading', { name: 'Vergelijkbare oplossingen', level: 2 }).waitFor();
    const { data: expected } = await api(`/api/v1/cases/${encodeURIComponent(record.id)}/similar?per_page=5`);
    assert.ok(expected.hits.length > 0, 'the API knows similar cases');
    const shown = await similar.locator('ol.results h3 a').allTextContents();
    assert.deepEqual(shown.map((s) => s.trim()), expected.hits.map((h) => h.title), 'similar cases as the API answers');
    assert.ok(!expected.hits.some((h) => h.id === record.id), 'a case is not similar to itself');

    // Facts and breadcrumb.
    assert.match(await page.locator('dl.facts').textContent(), new RegExp(record.municipality));
    assert.equal(await page.locator('nav.breadcrumb [aria-current="page"]').textContent(), record.title);

    await screenshot(page, 'case-page');
    watch.assertClean('the case page');
    await context.close();
  });

  // Issue 13: a derived case links its original ("Gebaseerd op"); the original
  // lists the derived case's municipality under "Hergebruikt door", linked to that case.
  test('a derived case: "Gebaseerd op" and "Hergebruikt door" link both ways, the family apart', async () => {
    const originals = await search({ q: '', reused: 'true', sort: 'title', per_page: 100 });
    let original = null;
    let derivedEntry = null;
    for (const hit of originals.hits) {
      const { data } = await api(`/api/v1/cases/${encodeURIComponent(hit.id)}`);
      derivedEntry = data.reused_by.find((r) => r.case_id);
      if (derivedEntry) {
        original = data;
        break;
      }
    }
    assert.ok(original, 'the corpus has a case with a derived case (derived_from)');
    const { data: derived } = await api(`/api/v1/cases/${encodeURIComponent(derivedEntry.case_id)}`);
    assert.equal(derived.derived_from, original.id);

    const { context, page, watch } = await openPage(browser);
    assert.equal((await page.goto(`${KB_URL}/cases/${encodeURIComponent(derived.id)}`)).status(), 200);
    const basedOn = page.locator('.case-header .derived-from');
    assert.match(await basedOn.textContent(), /^Gebaseerd op:/);
    const originalLink = basedOn.getByRole('link', { name: original.title, exact: true });
    assert.equal(await originalLink.getAttribute('href'), `/cases/${original.id}`);
    // The header's municipality links to its municipality page.
    assert.equal(await page.locator('.case-header .badge-municipality a').getAttribute('href'),
      `/gemeenten/${derived.municipality_slug}`);
    // The family (with the original) apart from the similar cases.
    const family = page.getByRole('region', { name: 'De familie van deze oplossing' });
    assert.ok(await family.getByRole('link', { name: original.title, exact: true }).count() === 1, 'the original is in the family');
    const { data: similar } = await api(`/api/v1/cases/${encodeURIComponent(derived.id)}/similar?per_page=5`);
    const familyIds = new Set(similar.family.map((h) => h.id));
    const shownSimilar = await page.getByRole('region', { name: 'Vergelijkbare oplossingen' }).locator('ol.results h3 a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(shownSimilar.length > 0 && shownSimilar.every((href) => !familyIds.has(href.replace('/cases/', ''))),
      'no family member among the similar cases');

    await originalLink.click();
    await page.waitForURL(`${KB_URL}/cases/${original.id}`);
    assert.equal((await page.locator('h1').textContent()).trim(), original.title);
    const reusedBy = page.getByRole('region', { name: 'Hergebruikt door' });
    const back = reusedBy.getByRole('link', { name: derivedEntry.municipality, exact: true });
    assert.equal(await back.getAttribute('href'), `/cases/${derived.id}`);
    // Municipalities without a case of their own link to their municipality page.
    for (const entry of original.reused_by.filter((r) => !r.case_id)) {
      assert.equal(await reusedBy.getByRole('link', { name: entry.municipality, exact: true }).getAttribute('href'),
        `/gemeenten/${entry.municipality_slug}`);
    }
    await back.click();
    await page.waitForURL(`${KB_URL}/cases/${derived.id}`);
    assert.equal((await page.locator('h1').textContent()).trim(), derived.title);
    await screenshot(page, 'case-page-derived');
    watch.assertClean('the derived and the original case pages');
    await context.close();
  });

  test('the municipality pages: list, one municipality, an alias and an unknown one', async () => {
    const { context, page, watch } = await openPage(browser);
    assert.equal((await page.goto(`${KB_URL}/gemeenten`)).status(), 200);
    await page.getByRole('link', { name: 'Den Haag', exact: true }).click();
    await page.waitForURL(`${KB_URL}/gemeenten/den-haag`);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Den Haag');
    const { data } = await api('/api/v1/municipalities/den-haag');
    const reused = page.getByRole('region', { name: /^Overgenomen van andere gemeenten/ });
    assert.deepEqual((await reused.locator('ol.results h3 a').allTextContents()).map((s) => s.trim()),
      data.reused.map((h) => h.title));
    await screenshot(page, 'municipality-page');
    assert.equal((await page.goto(`${KB_URL}/gemeenten/s-gravenhage`)).status(), 200);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Den Haag');
    watch.assertClean('the municipality pages');
    const missing = await page.goto(`${KB_URL}/gemeenten/nergens`);
    assert.equal(missing.status(), 404);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Niet gevonden');
    await context.close();
  });

  test('an unknown case answers 404 with a page that says so', async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(`${KB_URL}/cases/bestaat-niet-${Date.now()}`);
    assert.equal(response.status(), 404);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Niet gevonden');
    await context.close();
  });
});
