// axe-core (WCAG 2.0 and 2.1, levels A and AA) on every kind of page, with the
// dynamic parts (widget results, curation views) rendered before the audit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBED_URL, KB_KEY, KB_URL, assertAccessible, launch, openPage, screenshot, search } from './lib.mjs';

// Waits until a <kb-search> on the page has rendered a search answer.
async function widgetReady(page) {
  await page.locator('kb-search p.count').filter({ hasText: /gevonden/ }).waitFor();
  await page.waitForFunction(() => {
    const root = document.querySelector('kb-search')?.shadowRoot;
    return root && !root.querySelector('[aria-busy]') && root.querySelector('fieldset');
  });
}

describe('axe-core: WCAG 2.1 A and AA', () => {
  let browser;
  let caseId;
  before(async () => {
    browser = await launch();
    caseId = (await search({ q: 'hittestress' })).hits[0].id;
  });
  after(async () => { await browser?.close(); });

  const pages = [
    ['the search page /', () => `${KB_URL}/`],
    ['the search page /?q=water', () => `${KB_URL}/?q=water`],
    ['a search with filters and pages', () => `${KB_URL}/?q=&theme=mobility&maturity=proven&page=2&per_page=3`],
    ['a search without results', () => `${KB_URL}/?q=qqqxxyzzy`],
    ['the English search page', () => `${KB_URL}/?q=water&lang=en`],
    ['a case page', () => `${KB_URL}/cases/${caseId}`],
    ['a case page in English', () => `${KB_URL}/cases/${caseId}?lang=en`],
    ['the 404 page', () => `${KB_URL}/cases/bestaat-niet`],
    ['a derived case page (issue 13: Gebaseerd op, family)', () => `${KB_URL}/cases/den-haag-housing-first`],
    ['a reused case page (issue 13: Hergebruikt door)', () => `${KB_URL}/cases/amsterdam-housing-first-discus`],
    ['a search for reused solutions by province', () => `${KB_URL}/?reused=true&sort=reuse&province=zuid-holland`],
    ['the municipalities page /gemeenten', () => `${KB_URL}/gemeenten`],
    ['a municipality page', () => `${KB_URL}/gemeenten/den-haag`],
    ['a municipality page in English', () => `${KB_URL}/gemeenten/den-haag?lang=en`],
  ];
  for (const [what, url] of pages) {
    test(what, async () => {
      const { context, page } = await openPage(browser);
      await page.goto(url());
      await assertAccessible(page, what);
      await context.close();
    });
  }

  test('/embed with the live widget', async () => {
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${KB_URL}/embed`);
    await widgetReady(page);
    await assertAccessible(page, '/embed');
    await screenshot(page, 'embed-page');
    watch.assertClean('/embed');
    await context.close();
  });

  test('the widget page on another origin, with results and an open similar panel', async () => {
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${EMBED_URL}/`);
    await widgetReady(page);
    const water = await search({ q: 'water', per_page: 10, lang: 'nl' });
    await page.locator('kb-search input[type=search]').pressSequentially('water', { delay: 20 });
    await page.locator('kb-search p.count').filter({ hasText: new RegExp(`^${water.total} oplossingen gevonden$`) }).waitFor();
    await page.waitForFunction(() => !document.querySelector('kb-search').shadowRoot.querySelector('[aria-busy]'));
    // Audit the open suggestion list first, then close it (it covers the results) as a user would.
    if (await page.locator('kb-search input[type=search]').getAttribute('aria-expanded') === 'true') {
      await assertAccessible(page, 'the widget page with suggestions open');
      await page.locator('kb-search input[type=search]').press('Escape');
    }
    await page.locator('kb-search li.result').first().getByRole('button', { name: 'Vergelijkbare oplossingen' }).click();
    await page.locator('kb-search .similar:not([hidden]) li').first().waitFor();
    await assertAccessible(page, 'the widget page');
    watch.assertClean('the widget page');
    await context.close();
  });

  test('/curate: sign-in, list, new-case form, its errors, the demand report', async () => {
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${KB_URL}/curate`);
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    await assertAccessible(page, '/curate (sign in)');
    if (!KB_KEY) return;
    await page.getByLabel('API-sleutel').fill(KB_KEY);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.locator('table tbody tr').first().waitFor();
    await assertAccessible(page, '/curate (list)');
    await page.getByRole('link', { name: 'Nieuwe case' }).click();
    await page.getByRole('heading', { name: 'Nieuwe case' }).waitFor();
    await assertAccessible(page, '/curate#/new (form)');
    // Submit the empty form: the 422 errors appear next to the fields and in a summary.
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.locator('.error-summary li').first().waitFor();
    assert.ok(await page.locator('[aria-invalid="true"]').count() > 0, 'fields are marked invalid');
    await assertAccessible(page, '/curate#/new (with errors)');
    await page.goto(`${KB_URL}/curate#/stats`);
    await page.getByRole('heading', { name: 'Vraagrapport' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Vraagrapport' }).waitFor();
    await assertAccessible(page, '/curate#/stats');
    // The 422 answer is logged by the browser as a failed resource load; nothing else may be.
    const problems = watch.problems().filter((p) => !/status of 422/.test(p));
    assert.deepEqual(problems, []);
    await context.close();
  });
});
