// Shared helpers of the browser tests: the environment run.sh sets, launching
// the system Chromium through playwright-core, collecting console errors,
// page errors and requests, axe-core audits, screenshots and API calls.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through tests/browser/run.sh BUILD_DIR`);
  return value.replace(/\/+$/, '');
}

export const KB_URL = required('KB_URL');
export const EMBED_URL = required('EMBED_URL');
export const KB_KEY = process.env.KB_KEY || '';
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || join(process.cwd(), 'screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const LAUNCH_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

// A fresh context and page that records everything a test may want to fail on.
// `watch.problems()` lists console errors, uncaught page errors and failed requests.
export async function openPage(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location()?.url || 'no url'})`);
  });
  page.on('pageerror', (error) => pageErrors.push(String(error?.stack || error)));
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText || 'failed';
    // A navigation or a fetch aborted on purpose (the widget aborts superseded searches) is not a failure.
    if (reason !== 'net::ERR_ABORTED') failedRequests.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  const watch = {
    requests,
    problems: () => [
      ...consoleErrors.map((e) => `console error: ${e}`),
      ...pageErrors.map((e) => `page error: ${e}`),
      ...failedRequests.map((e) => `request failed: ${e}`),
    ],
    assertClean(what = 'the page') {
      assert.deepEqual(watch.problems(), [], `${what} logged errors`);
    },
  };
  return { context, page, watch };
}

export async function api(path, { method = 'GET', key, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${KB_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: response.status, headers: response.headers, data };
}

export async function search(params) {
  const query = new URLSearchParams(params).toString();
  const answer = await api(`/api/v1/search?${query}`);
  assert.equal(answer.status, 200, `GET /api/v1/search?${query}`);
  return answer.data;
}

// A facet answer as {value: count}.
export const countsOf = (entries = []) => Object.fromEntries(entries.map((e) => [String(e.value), e.count]));

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Runs axe-core with the WCAG 2.0/2.1 A and AA rules; fails with a readable
// list of the violations and their elements.
export async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const lines = results.violations.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} :: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  ]);
  assert.equal(results.violations.length, 0, `axe: ${what} has violations:\n${lines.join('\n')}`);
  return results;
}

// The first number in a text ("14 oplossingen gevonden" -> 14; "Geen ..." -> 0).
export function firstNumber(text) {
  const match = /\d+/.exec(text || '');
  return match ? Number(match[0]) : 0;
}

// Letters only, so the analyser keeps it as one token.
export function uniqueWord(prefix = 'proefzoek') {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = prefix;
  for (let i = 0; i < 10; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}
