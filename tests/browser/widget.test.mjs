// The <kb-search> widget on another origin (the embed server): it loads from the
// knowledge base, searches it cross-origin (CORS), filters by facets and talks to no other host.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EMBED_URL, KB_URL, api, firstNumber, launch, openPage, screenshot, search } from './lib.mjs';

const QUERY = 'hittestress';

describe('widget on another origin', () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  test('search-as-you-type, a facet checkbox, similar solutions; only the KB and the embedding origin are contacted', async () => {
    assert.notEqual(new URL(EMBED_URL).origin, new URL(KB_URL).origin, 'the embed page is on another origin');
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${EMBED_URL}/`);

    const widget = page.locator('kb-search');
    const input = widget.getByRole('combobox', { name: 'Zoek in de Kennisbank Smart Society' });
    const count = widget.locator('p.count');
    const titles = widget.locator('ol.results h3 a');
    // The first (empty) search lists everything.
    const everything = await search({ q: '', per_page: 10, lang: 'nl' });
    await assert.doesNotReject(() => count.filter({ hasText: `${everything.total} oplossingen gevonden` }).waitFor());

    // Typing searches (debounced) without pressing a button.
    const answer = await search({ q: QUERY, per_page: 10, lang: 'nl' });
    await input.pressSequentially(QUERY, { delay: 20 });
    await count.filter({ hasText: `${answer.total} oplossingen gevonden` }).waitFor();
    await page.waitForFunction(() => !document.querySelector('kb-search').shadowRoot.querySelector('[aria-busy]'));
    assert.deepEqual((await titles.allTextContents()).map((s) => s.trim()), answer.hits.map((h) => h.title));
    const firstHref = await titles.first().getAttribute('href');
    assert.equal(firstHref, `${KB_URL}/cases/${encodeURIComponent(answer.hits[0].id)}`, 'result links point at the KB');
    // Snippets carry <mark> elements, built as nodes.
    assert.ok(await widget.locator('ol.results mark').count() > 0, 'matched words are marked');

    // Suggestions: an ARIA combobox with a listbox, listing what the suggest API answers.
    const suggest = await api(`/api/v1/suggest?q=${encodeURIComponent(QUERY)}&lang=nl`);
    const suggested = suggest.data.suggestions.slice(0, 8).map((s) => s.text);
    assert.ok(suggested.length > 0, `the API suggests something for ${QUERY}`);
    const options = widget.getByRole('option');
    await options.nth(suggested.length - 1).waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.deepEqual((await options.allTextContents()).map((s) => s.trim()), suggested);
    await input.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');

    // A facet checkbox narrows the results to what the API answers for the same parameters.
    const theme = answer.facets.theme.find((e) => e.count > 0 && e.count < answer.total);
    assert.ok(theme, 'a theme with 0 < count < total');
    await widget.getByRole('group', { name: 'Thema' }).getByRole('checkbox', { name: new RegExp(`^${theme.label} `) }).check();
    const narrowed = await search({ q: QUERY, theme: theme.value, per_page: 10, lang: 'nl' });
    assert.equal(narrowed.total, theme.count);
    await count.filter({ hasText: new RegExp(`^${narrowed.total} oplossing(en)? gevonden$`) }).waitFor();
    await page.waitForFunction(() => !document.querySelector('kb-search').shadowRoot.querySelector('[aria-busy]'));
    assert.equal(firstNumber(await count.textContent()), narrowed.total);
    assert.deepEqual((await titles.allTextContents()).map((s) => s.trim()), narrowed.hits.map((h) => h.title));
    // The other facets' counts follow the filter (disjunctive facets).
    const maturityCounts = await widget.getByRole('group', { name: 'Volwassenheid' }).locator('label').allTextContents();
    const expectedMaturity = narrowed.facets.maturity.map((e) => `${e.label} (${e.count})`);
    assert.deepEqual(maturityCounts.map((s) => s.trim()), expectedMaturity);

    // "Vergelijkbare oplossingen" per result.
    const toggle = widget.locator('ol.results li.result').first().getByRole('button', { name: 'Vergelijkbare oplossingen' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const panel = widget.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await panel.locator('ul li a, p').first().waitFor();

    await screenshot(page, 'widget-embedded');

    const allowed = new Set([new URL(KB_URL).origin, new URL(EMBED_URL).origin]);
    const hosts = watch.requests.map((u) => new URL(u)).filter((u) => u.protocol !== 'data:');
    const foreign = hosts.filter((u) => !allowed.has(u.origin)).map((u) => u.href);
    assert.deepEqual(foreign, [], 'requests to hosts other than the KB and the embedding page');
    assert.ok(hosts.some((u) => u.origin === new URL(KB_URL).origin && u.pathname === '/api/v1/search'),
      'the widget called the KB search API');
    assert.ok(hosts.some((u) => u.pathname === '/widget.js'), 'widget.js came from the KB');

    // No cookies or storage.
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);

    watch.assertClean('the embedding page');
    await context.close();
  });

  // Issue 13: the preset attributes province and reused-in, and reuse counts on hits.
  test('preset province and reused-in filter the search like the API; hits show their reuse counts', async () => {
    const reused = await search({ q: '', reused: 'true', per_page: 1, lang: 'nl' });
    const where = reused.facets.reused_in.find((e) => e.count > 1);
    assert.ok(where, 'the corpus has a municipality that reused more than one solution');
    const inWhere = await search({ q: '', reused_in: where.value, per_page: 10, lang: 'nl' });
    const province = inWhere.hits[0].province_slug;
    const expected = await search({ q: '', province, reused_in: where.value, per_page: 10, lang: 'nl' });
    assert.ok(expected.total > 0 && expected.hits.every((h) => h.reuse_count > 0), 'cases reused there have reuse counts');
    const provinceLabel = expected.facets.province.find((e) => e.value === province).label;

    const { context, page, watch } = await openPage(browser);
    await page.goto(`${EMBED_URL}/preset?province=${province}&reused-in=${where.value}`);
    const widget = page.locator('kb-search');
    const count = widget.locator('p.count');
    await count.filter({ hasText: new RegExp(`^${expected.total} oplossing(en)? gevonden$`) }).waitFor();
    await page.waitForFunction(() => !document.querySelector('kb-search').shadowRoot.querySelector('[aria-busy]'));
    assert.deepEqual((await widget.locator('ol.results h3 a').allTextContents()).map((s) => s.trim()),
      expected.hits.map((h) => h.title));
    const reuseText = (n) => (n === 1 ? 'Hergebruikt door 1 gemeente' : `Hergebruikt door ${n} gemeenten`);
    assert.deepEqual((await widget.locator('ol.results .badge.reuse').allTextContents()).map((s) => s.trim()),
      expected.hits.map((h) => reuseText(h.reuse_count)));
    // Fixed presets are a note with their labels, not checkboxes.
    assert.equal((await widget.locator('p.fixed').textContent()).trim(),
      `Vaste filters: Provincie: ${provinceLabel}; Hergebruikt in: ${where.label}`);
    assert.equal(await widget.getByRole('group', { name: 'Provincie' }).count(), 0);
    const sent = watch.requests.map((u) => new URL(u)).filter((u) => u.pathname === '/api/v1/search');
    assert.ok(sent.some((u) => u.searchParams.get('province') === province && u.searchParams.get('reused_in') === where.value),
      'the widget sent the presets as province and reused_in');
    watch.assertClean('the preset widget');

    // With filters-editable the presets are ticked checkboxes the visitor may untick.
    await page.goto(`${EMBED_URL}/preset?province=${province}&reused-in=${where.value}&filters-editable`);
    await count.filter({ hasText: new RegExp(`^${expected.total} oplossing(en)? gevonden$`) }).waitFor();
    const box = widget.getByRole('group', { name: 'Provincie' }).getByRole('checkbox', { name: new RegExp(`^${provinceLabel} `) });
    assert.equal(await box.isChecked(), true);
    assert.equal(await widget.getByRole('group', { name: 'Hergebruikt in' })
      .getByRole('checkbox', { name: new RegExp(`^${where.label} `) }).isChecked(), true);
    await box.uncheck();
    await count.filter({ hasText: new RegExp(`^${inWhere.total} oplossing(en)? gevonden$`) }).waitFor();
    watch.assertClean('the editable preset widget');
    await context.close();
  });

  // issue 17 point 4: lang="en" shows the English titles the cases have, and marks Dutch text as Dutch.
  test('lang="en" shows English titles and marks Dutch text with lang="nl"', async () => {
    const expected = await search({ q: '', theme: 'climate-adaptation', per_page: 10, lang: 'en' });
    assert.ok(expected.hits.some((h) => h.title_en), 'the corpus has English titles');
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${EMBED_URL}/preset?lang=en&theme=climate-adaptation`);
    const widget = page.locator('kb-search');
    await widget.locator('ol.results h3 a').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('kb-search').shadowRoot.querySelector('[aria-busy]'));
    const links = widget.locator('ol.results h3 a');
    assert.deepEqual((await links.allTextContents()).map((s) => s.trim()), expected.hits.map((h) => h.title_en || h.title));
    const langs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('lang')));
    assert.deepEqual(langs, expected.hits.map((h) => (h.title_en ? null : 'nl')));
    const snippetLangs = await widget.locator('ol.results p.snippet').evaluateAll((ps) => ps.map((p) => p.getAttribute('lang')));
    assert.deepEqual(snippetLangs, expected.hits.map((h) => (h.snippet_lang === 'en' ? null : 'nl')));
    watch.assertClean('the English widget');
    await context.close();
  });
});
