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
    assert.deepEqual((await reused.locator('li').allTextContents()).map((s) => s.trim()), record.adopted_by);

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

  test('an unknown case answers 404 with a page that says so', async () => {
    const { context, page } = await openPage(browser);
    const response = await page.goto(`${KB_URL}/cases/bestaat-niet-${Date.now()}`);
    assert.equal(response.status(), 404);
    assert.equal((await page.locator('h1').textContent()).trim(), 'Niet gevonden');
    await context.close();
  });
});
