// The server-rendered search page (GET /): searching, facets, and keyboard-only use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KB_URL, assertAccessible, countsOf, firstNumber, launch, openPage, screenshot, search } from './lib.mjs';

const QUERY = 'hittestress';

// The facet checkboxes of the page as {facet: {value: count}}, and the ticked ones.
async function pageFacets(page) {
  const options = await page.$$eval('aside.filters input[type=checkbox]', (inputs) => inputs.map((input) => {
    const label = document.querySelector(`label[for="${input.id}"]`)?.textContent || '';
    const match = /\((\d+)\)\s*$/.exec(label);
    return { facet: input.name, value: input.value, checked: input.checked, count: match ? Number(match[1]) : null };
  }));
  const counts = {};
  for (const o of options) (counts[o.facet] ||= {})[o.value] = o.count;
  return { counts, checked: options.filter((o) => o.checked).map((o) => `${o.facet}=${o.value}`) };
}

const resultIds = (page) => page.$$eval('ol.results > li.result h3 a',
  (links) => links.map((a) => decodeURIComponent(new URL(a.href).pathname.replace(/^\/cases\//, ''))));

// What the page shows must be what the API answers for the same parameters.
async function assertPageMatchesApi(page, params, what) {
  const answer = await search(params);
  const countText = await page.locator('.result-count').textContent();
  assert.equal(firstNumber(countText), answer.total, `${what}: result count "${countText}" vs API total`);
  assert.deepEqual(await resultIds(page), answer.hits.map((h) => h.id), `${what}: result list vs API hits`);
  const { counts } = await pageFacets(page);
  assert.deepEqual(counts.theme, countsOf(answer.facets.theme), `${what}: theme counts vs API`);
  assert.deepEqual(counts.maturity, countsOf(answer.facets.maturity), `${what}: maturity counts vs API`);
  // The page hides municipalities without results (unless ticked).
  const municipalities = countsOf(answer.facets.municipality.filter((e) => e.count > 0));
  assert.deepEqual(counts.municipality, municipalities, `${what}: municipality counts vs API`);
  return { answer, counts };
}

// The search form is a plain GET form: the browser sends every field, so the
// empty year fields arrive as year_min=&year_max=. The page must accept that.
async function assertFormAccepted(response) {
  if (response.status() === 200) return;
  let detail = '';
  try { detail = (await response.text()).match(/<p class="lead">([^<]*)/)?.[1] || ''; } catch { /* no body */ }
  assert.fail(`submitting the search form (${new URL(response.url()).search}) answered ${response.status()}: ${detail}`);
}

describe('search page', () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  test('typing a query and submitting shows results; a theme facet narrows them like the API', async () => {
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${KB_URL}/`);
    await page.getByLabel('Zoekwoorden').fill(QUERY);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).searchParams.get('q') === QUERY),
      page.getByRole('button', { name: 'Zoeken', exact: true }).click(),
    ]);
    await assertFormAccepted(response);
    await page.locator('ol.results > li.result').first().waitFor();
    assert.equal(await page.getByLabel('Zoekwoorden').inputValue(), QUERY, 'the query stays in the field');
    assert.match(await page.title(), new RegExp(QUERY));

    const first = await assertPageMatchesApi(page, { q: QUERY }, 'before the facet');
    assert.ok(first.answer.total > 1, `"${QUERY}" should find several cases in the corpus`);
    await screenshot(page, 'search-results');

    // A theme that keeps some but not all results, so the numbers must move.
    const theme = first.answer.facets.theme.find((e) => e.count > 0 && e.count < first.answer.total);
    assert.ok(theme, 'a theme facet with 0 < count < total');
    const checkbox = page.locator(`aside.filters input[name=theme][value="${theme.value}"]`);
    await checkbox.check();
    // The page works without JavaScript: the facets are fields of the GET form, sent with the button
    // (no submit on change, so ticking a box never reloads the page under a user: WCAG 3.2.2).
    const [filtered] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).searchParams.getAll('theme').includes(theme.value)),
      page.getByRole('button', { name: 'Filters toepassen' }).click(),
    ]);
    await assertFormAccepted(filtered);
    await page.locator('ol.results > li.result').first().waitFor();

    const second = await assertPageMatchesApi(page, { q: QUERY, theme: theme.value }, 'after the facet');
    assert.equal(second.answer.total, theme.count, 'the new total is the count the facet promised');
    assert.notEqual(second.answer.total, first.answer.total, 'the total changed');
    assert.notDeepEqual(await resultIds(page), first.answer.hits.map((h) => h.id), 'the results changed');
    assert.notDeepEqual(second.counts.maturity, first.counts.maturity, 'the maturity counts changed with the theme');
    assert.deepEqual((await pageFacets(page)).checked, [`theme=${theme.value}`], 'the chosen theme stays ticked');
    assert.ok(await page.getByRole('link', { name: 'Alle filters wissen' }).isVisible());

    watch.assertClean('the search page');
    await context.close();
  });

  test('keyboard only: Tab to the field, type, Enter, Tab to the first result, Enter opens the case', async () => {
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${KB_URL}/`);

    // The focused element, its outline and box-shadow, and whether it is the one we want.
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      const style = el ? getComputedStyle(el) : null;
      return {
        id: el?.id || '', tag: el?.tagName || '', text: (el?.textContent || '').trim().slice(0, 80),
        href: el?.getAttribute?.('href') || '', firstResult: el === document.querySelector('ol.results a'),
        outline: style ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : '',
        outlineVisible: Boolean(style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0),
        boxShadow: style?.boxShadow || 'none',
      };
    });
    const assertFocusVisible = (f, what) => assert.ok(f.outlineVisible || f.boxShadow !== 'none',
      `${what} has no visible focus (outline: ${f.outline}, box-shadow: ${f.boxShadow})`);
    const tabUntil = async (wanted, what, max = 80) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        assertFocusVisible(f, `${f.tag}#${f.id} "${f.text}" (on the way to ${what})`);
        if (wanted(f)) return { f, presses: i + 1 };
      }
      assert.fail(`${what} not reached with ${max} Tab presses`);
    };

    const first = await tabUntil((f) => f.id === 'field-q', 'the search field');
    assert.ok(first.presses <= 10, `the search field needs ${first.presses} Tab presses`);
    await page.keyboard.type(QUERY);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).searchParams.get('q') === QUERY),
      page.keyboard.press('Enter'),
    ]);
    await assertFormAccepted(response);
    await page.locator('ol.results a').first().waitFor();

    const { f: link } = await tabUntil((f) => f.firstResult, 'the first result link');
    assert.match(link.href, /^\/cases\//);
    const title = link.text;
    await Promise.all([page.waitForURL(/\/cases\//), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, link.href);
    assert.equal((await page.locator('h1').textContent()).trim(), title, 'the case page has the result title in <h1>');

    // On the case page the skip link is the first stop and moves focus to <main>.
    const skip = await tabUntil((f) => f.href === '#main', 'the skip link', 1);
    assert.match(skip.f.text, /Direct naar de inhoud/);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    watch.assertClean('keyboard use');
    await context.close();
  });

  // Issue 17 point 3: a reversed year range used to replace the page with an
  // English error. Now the search stays, the reason is Dutch and sits at the
  // fields, and correcting a year searches again.
  test('a reversed year range keeps the search and says why at the fields, in Dutch', async () => {
    const { context, page, watch } = await openPage(browser);
    await page.goto(`${KB_URL}/?q=water&year_min=2020&year_max=2015`);
    const alert = page.getByRole('alert');
    assert.match(await alert.textContent(), /Het jaar bij ‘Vanaf’ ligt na het jaar bij ‘Tot en met’/);
    assert.equal(await page.getByLabel('Zoekwoorden').inputValue(), 'water', 'the query stays');
    const from = page.getByLabel('Vanaf');
    assert.equal(await from.inputValue(), '2020', 'the typed year stays');
    assert.equal(await from.getAttribute('aria-invalid'), 'true');
    const described = await from.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent);
    assert.match(described || '', /Tot en met/, 'the field is described by the reason');
    assert.ok(await page.locator('ol.results > li.result').count() > 0, 'results of the search without the years');
    await assertAccessible(page, 'the search page with a reversed year range');
    await screenshot(page, 'search-year-range-reversed');

    await from.fill('2010');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('year_min') === '2010'),
      page.getByRole('button', { name: 'Filters toepassen' }).click(),
    ]);
    assert.equal(await page.getByRole('alert').count(), 0, 'a corrected range has no message');
    assert.equal(await page.getByLabel('Vanaf').getAttribute('aria-invalid'), null);
    // The first page answered 400 (the request as sent was invalid), which
    // Chromium logs; nothing else may be logged.
    const problems = watch.problems().filter((p) => !/status of 400 .*year_max=2015/.test(p));
    assert.deepEqual(problems, [], 'a reversed year range logged errors');
    await context.close();
  });
});
