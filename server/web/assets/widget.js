// <kb-search>: the embeddable search widget of Kennisbank Smart Society.
// A dependency-free ES module with shadow DOM. Data from the API is only ever
// inserted as text; the snippet's marked runs (snippet_parts) become <mark> elements.
// No cookies, no storage, no tracking: the only requests go to the API.
// Attributes and CSS custom properties are documented in server/web/README.md.

const SCRIPT_ORIGIN = new URL(import.meta.url).origin;
const DEBOUNCE_MS = 250;
const FACETS = ['theme', 'municipality', 'maturity', 'province', 'reused_in'];
// Facets with many values: only those with results (or selected) are shown, at most 15.
const LONG_FACETS = new Set(['municipality', 'reused_in']);

const TEXT = {
  nl: {
    label: 'Zoek in de Kennisbank Smart Society',
    hint: 'Typ om te zoeken. Met pijltjes kiest u een suggestie.',
    search: 'Zoeken',
    suggestions: 'Suggesties',
    results: 'Resultaten',
    filters: 'Filters',
    theme: 'Thema',
    municipality: 'Gemeente',
    maturity: 'Volwassenheid',
    province: 'Provincie',
    reused_in: 'Hergebruikt in',
    reuse: (n) => (n === 1 ? 'Hergebruikt door 1 gemeente' : `Hergebruikt door ${n} gemeenten`),
    fixed: 'Vaste filters: ',
    count: (n) => (n === 0 ? 'Geen oplossingen gevonden' : n === 1 ? '1 oplossing gevonden' : `${n} oplossingen gevonden`),
    pageOf: (p, n) => `Pagina ${p} van ${n}`,
    previous: 'Vorige',
    next: 'Volgende',
    pager: 'Paginering',
    similar: 'Vergelijkbare oplossingen',
    noSimilar: 'Geen vergelijkbare oplossingen gevonden.',
    loading: 'Bezig met zoeken…',
    didYouMean: 'Bedoelde u: ',
    relaxed: 'Geen oplossing bevat al uw zoekwoorden. Hieronder staan oplossingen met een of meer van de woorden.',
    error: 'Het zoeken is niet gelukt',
    offline: 'De kennisbank is nu niet bereikbaar. Probeer het later opnieuw.',
    status: { 400: 'de zoekvraag klopt niet', 404: 'niet gevonden', 429: 'te veel verzoeken, probeer het zo opnieuw', 500: 'er ging iets mis bij de kennisbank' },
    municipalityPrefix: 'Gemeente: ',
    maturityPrefix: 'Volwassenheid: ',
    themesPrefix: "Thema's: ",
    started: 'Startjaar ',
  },
  en: {
    label: 'Search the Smart Society knowledge base',
    hint: 'Type to search. Use the arrow keys to pick a suggestion.',
    search: 'Search',
    suggestions: 'Suggestions',
    results: 'Results',
    filters: 'Filters',
    theme: 'Theme',
    municipality: 'Municipality',
    maturity: 'Maturity',
    province: 'Province',
    reused_in: 'Reused in',
    reuse: (n) => (n === 1 ? 'Reused by 1 municipality' : `Reused by ${n} municipalities`),
    fixed: 'Fixed filters: ',
    count: (n) => (n === 0 ? 'No solutions found' : n === 1 ? '1 solution found' : `${n} solutions found`),
    pageOf: (p, n) => `Page ${p} of ${n}`,
    previous: 'Previous',
    next: 'Next',
    pager: 'Pagination',
    similar: 'Similar solutions',
    noSimilar: 'No similar solutions found.',
    loading: 'Searching…',
    didYouMean: 'Did you mean: ',
    relaxed: 'No solution contains all of your search terms. Below are solutions with one or more of them.',
    error: 'The search failed',
    offline: 'The knowledge base cannot be reached right now. Please try again later.',
    status: { 400: 'the query is not valid', 404: 'not found', 429: 'too many requests, try again shortly', 500: 'something went wrong in the knowledge base' },
    municipalityPrefix: 'Municipality: ',
    maturityPrefix: 'Maturity: ',
    themesPrefix: 'Themes: ',
    started: 'Started ',
  },
};

const STYLE = `
:host{display:block;container-type:inline-size;max-width:var(--kb-max-width,none);font-family:var(--kb-font-family,inherit);font-size:var(--kb-font-size,1rem);line-height:1.5;color:var(--kb-color-text,#1a1a1a);background:var(--kb-color-background,#fff)}
:host([hidden]){display:none}
*{box-sizing:border-box}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
label.main{display:block;font-weight:700;margin-bottom:.25em}
.hint{margin:.25em 0 0;font-size:.875em;color:var(--kb-color-text-muted,#4b5563)}
.bar{display:flex;gap:calc(var(--kb-space,1rem)/2)}
.combo{position:relative;flex:1;min-width:0}
input[type=search]{width:100%;font:inherit;color:inherit;background:var(--kb-color-background,#fff);padding:.5em .75em;border:2px solid var(--kb-color-border,#6b7280);border-radius:var(--kb-border-radius,4px)}
button{font:inherit;cursor:pointer;padding:.5em 1em;border:2px solid var(--kb-color-primary,#154273);border-radius:var(--kb-border-radius,4px);background:var(--kb-color-primary,#154273);color:var(--kb-color-primary-text,#fff)}
button.quiet{background:transparent;color:var(--kb-color-link,#154273);padding:.25em .5em;font-size:.875em}
button.link{background:none;border:0;padding:0;color:var(--kb-color-link,#154273);text-decoration:underline}
button[disabled]{cursor:not-allowed;opacity:.6}
:focus-visible{outline:3px solid var(--kb-focus-color,#000);outline-offset:2px}
input:focus-visible{outline-offset:0}
[role=listbox]{position:absolute;z-index:10;left:0;right:0;top:100%;margin:.25em 0 0;padding:.25em 0;list-style:none;background:var(--kb-color-background,#fff);border:2px solid var(--kb-color-border,#6b7280);border-radius:var(--kb-border-radius,4px);box-shadow:0 4px 12px rgb(0 0 0/.15)}
[role=option]{padding:.35em .75em;cursor:pointer}
[role=option][aria-selected=true]{background:var(--kb-color-primary,#154273);color:var(--kb-color-primary-text,#fff)}
.fixed{margin:.5em 0 0;font-size:.875em}
.layout{display:grid;gap:var(--kb-space,1rem);margin-top:var(--kb-space,1rem)}
@container (min-width:44em){.layout{grid-template-columns:minmax(11em,15em) 1fr}}
fieldset{border:0;margin:0 0 var(--kb-space,1rem);padding:0;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.25em}
.options{list-style:none;margin:0;padding:0}
.options li{display:flex;gap:.4em;align-items:flex-start;padding:.1em 0}
.options input{width:1.1em;height:1.1em;margin-top:.25em;accent-color:var(--kb-color-primary,#154273)}
.n{color:var(--kb-color-text-muted,#4b5563)}
.count{font-weight:700;margin:0 0 .5em}
.note{background:var(--kb-color-surface,#f3f5f8);border-left:4px solid var(--kb-color-primary,#154273);padding:.5em .75em;margin:0 0 .75em}
.error{background:#fef3f2;border-left:4px solid #b42318;padding:.5em .75em;margin:0 0 .75em}
ol.results{list-style:none;margin:0;padding:0}
li.result{padding:.75em 0;border-bottom:1px solid var(--kb-color-border,#6b7280)}
h3{font-size:1.125em;margin:0 0 .25em;line-height:1.3}
a{color:var(--kb-color-link,#154273)}
a:hover{text-decoration-thickness:2px}
.badges{margin:0 0 .25em}
.badge{display:inline-block;margin:0 .25em .25em 0;padding:.05em .5em;font-size:.8125em;border-radius:var(--kb-border-radius,4px);background:var(--kb-badge-background,#e6edf5);color:var(--kb-badge-color,#154273)}
.badge.reuse{background:var(--kb-color-background,#fff);box-shadow:inset 0 0 0 1px currentColor}
.snippet{margin:.25em 0}
mark{background:var(--kb-color-mark,#fff0a8);color:inherit;padding:0 .1em}
.meta{margin:.25em 0;font-size:.875em;color:var(--kb-color-text-muted,#4b5563)}
.similar{margin:.5em 0 0;padding:.5em .75em;background:var(--kb-color-surface,#f3f5f8);border-radius:var(--kb-border-radius,4px)}
.similar ul{margin:0;padding-left:1.25em}
.pager{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin-top:var(--kb-space,1rem)}
:host([compact]) .filters,:host([compact]) .snippet,:host([compact]) .meta,:host([compact]) .hint{display:none}
:host([compact]) .layout{grid-template-columns:1fr}
@media (forced-colors:active){[role=option][aria-selected=true]{outline:2px solid CanvasText}.badge{border:1px solid CanvasText}}
`;

// The widget's styles as a constructable stylesheet, shared by every instance:
// unlike a <style> element it is allowed under a strict Content-Security-Policy
// (style-src 'self', as on the knowledge base's own /embed page). Browsers
// without adoptedStyleSheets get a <style> element (returned for insertion).
let sharedSheet = null;
function adoptStyle(shadowRoot) {
  if ('adoptedStyleSheets' in shadowRoot && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(STYLE);
    }
    shadowRoot.adoptedStyleSheets = [sharedSheet];
    return null;
  }
  const style = document.createElement('style');
  style.textContent = STYLE;
  return style;
}

// The snippet from the API's snippet_parts: plain text runs, the matched
// ones in <mark> elements. Nothing is parsed as HTML.
function snippetNodes(parts) {
  return (Array.isArray(parts) ? parts : [])
    .filter((part) => part && typeof part.text === 'string' && part.text !== '')
    .map((part) => (part.mark === true ? h('mark', {}, part.text) : document.createTextNode(part.text)));
}

// Theme and maturity labels come from the API (GET /api/v1/taxonomy, generated
// from corpus/themes.json like the server's own pages): one request per API
// base, shared by every instance. A failed request is forgotten, so the next
// setup tries again; until then ids are shown as they are.
const taxonomies = new Map();
function loadTaxonomy(api) {
  if (!taxonomies.has(api)) {
    const request = fetch(`${api}/api/v1/taxonomy`, { credentials: 'omit', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null)
      .then((taxonomy) => {
        if (!taxonomy) taxonomies.delete(api);
        return taxonomy;
      });
    taxonomies.set(api, request);
  }
  return taxonomies.get(api);
}

// { id: label in lang } of one taxonomy list.
function labelTable(entries, lang) {
  const table = {};
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (entry && typeof entry.value === 'string') table[entry.value] = String(entry[lang] || entry.value);
  }
  return table;
}

const list = (value) => (value || '').split(',').map((s) => s.trim()).filter(Boolean);
let instances = 0;

class KbSearch extends HTMLElement {
  static get observedAttributes() {
    return ['api', 'lang', 'theme', 'municipality', 'province', 'reused-in', 'filters-editable', 'per-page', 'compact'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.uid = `kb${++instances}`;
    this.timer = 0;
    this.controller = null;
    this.suggestController = null;
    this.labels = {};
    this.taxonomy = {};
    this.generation = 0;
    this.active = -1;
  }

  connectedCallback() {
    this.setup();
  }

  disconnectedCallback() {
    clearTimeout(this.timer);
    this.controller?.abort();
    this.suggestController?.abort();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.isConnected && this.generation > 0 && oldValue !== newValue) this.setup();
  }

  // Loads the taxonomy labels, then reads the attributes, (re)builds the DOM
  // and runs the first search. Only the latest call builds.
  async setup() {
    const generation = ++this.generation;
    const api = () => (this.getAttribute('api') || SCRIPT_ORIGIN).replace(/\/+$/, '');
    const taxonomy = await loadTaxonomy(api());
    if (generation !== this.generation || !this.isConnected) return;
    const lang = (this.getAttribute('lang') || 'nl').toLowerCase().startsWith('en') ? 'en' : 'nl';
    this.t = TEXT[lang];
    this.lang = lang;
    this.api = api();
    this.taxonomy = { theme: labelTable(taxonomy?.themes, lang), maturity: labelTable(taxonomy?.maturities, lang) };
    const perPage = parseInt(this.getAttribute('per-page') || '10', 10);
    this.perPage = Number.isFinite(perPage) ? Math.min(100, Math.max(1, perPage)) : 10;
    this.editable = this.hasAttribute('filters-editable');
    // Preset filters: attribute name -> facet (the API's query parameter).
    this.preset = {
      theme: list(this.getAttribute('theme')),
      municipality: list(this.getAttribute('municipality')),
      maturity: [],
      province: list(this.getAttribute('province')),
      reused_in: list(this.getAttribute('reused-in')),
    };
    this.selected = Object.fromEntries(FACETS.map((facet) => [facet, new Set(this.preset[facet])]));
    this.page = 1;
    this.build();
    this.search();
  }

  locked(facet) {
    return !this.editable && this.preset[facet].length > 0;
  }

  build() {
    const t = this.t;
    const id = (name) => `${this.uid}-${name}`;
    this.input = h('input', {
      type: 'search', id: id('q'), name: 'q', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': id('suggestions'), 'aria-describedby': id('hint'),
      maxlength: '500', oninput: () => this.onInput(), onkeydown: (e) => this.onKeyDown(e), onblur: () => this.closeSuggestions(),
    });
    this.listbox = h('ul', { id: id('suggestions'), role: 'listbox', 'aria-label': t.suggestions, hidden: true });
    const form = h('form', { role: 'search', onsubmit: (e) => { e.preventDefault(); this.closeSuggestions(); this.page = 1; this.search(); } },
      h('label', { class: 'main', for: id('q') }, t.label),
      h('div', { class: 'bar' }, h('div', { class: 'combo' }, this.input, this.listbox), h('button', { type: 'submit' }, t.search)),
      h('p', { class: 'hint', id: id('hint') }, t.hint));
    this.fixed = h('p', { class: 'fixed' });
    this.filters = h('div', { class: 'filters' });
    this.count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
    this.messages = h('div');
    this.results = h('ol', { class: 'results' });
    this.pager = h('nav', { class: 'pager', 'aria-label': t.pager });
    this.resultsArea = h('section', { class: 'results-area', 'aria-label': t.results }, this.count, this.messages, this.results, this.pager);
    this.root = h('div', { lang: this.lang, part: 'root' }, form,
      this.fixed,
      h('div', { class: 'layout' }, this.filters, this.resultsArea));
    const style = adoptStyle(this.shadowRoot);
    this.shadowRoot.replaceChildren(...(style ? [style] : []), this.root);
    this.renderFixed();
  }

  // The fixed (locked) presets as a note; labels improve once an answer brought them.
  renderFixed() {
    const fixed = FACETS.filter((f) => this.locked(f)).map((f) => `${this.t[f]}: ${this.preset[f].map((v) => this.label(f, v)).join(', ')}`);
    this.fixed.hidden = fixed.length === 0;
    this.fixed.textContent = fixed.length ? this.t.fixed + fixed.join('; ') : '';
  }

  label(facet, value) {
    return this.labels[facet]?.[value] || this.taxonomy[facet]?.[value] || value;
  }

  url(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of params) query.append(key, value);
    const qs = query.toString();
    return `${this.api}${path}${qs ? `?${qs}` : ''}`;
  }

  async getJson(path, params, signal) {
    let response;
    try {
      response = await fetch(this.url(path, params), { signal, credentials: 'omit', headers: { Accept: 'application/json' } });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, null);
    }
    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      } catch { /* not a problem document */ }
      throw new ApiError(response.status, problem);
    }
    return response.json();
  }

  errorText(error) {
    if (!(error instanceof ApiError) || error.status === 0) return this.t.offline;
    const fallback = this.t.status[error.status] || this.t.status[error.status >= 500 ? 500 : 400];
    const title = typeof error.problem.title === 'string' ? error.problem.title : '';
    return `${this.t.error}: ${title || fallback}.`;
  }

  onInput() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.page = 1;
      this.search();
      this.suggest();
    }, DEBOUNCE_MS);
  }

  async search() {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const params = [['q', this.input.value.trim()]];
    for (const facet of FACETS) for (const value of this.selected[facet]) params.push([facet, value]);
    params.push(['page', String(this.page)], ['per_page', String(this.perPage)], ['lang', this.lang]);
    this.resultsArea.setAttribute('aria-busy', 'true');
    try {
      const answer = await this.getJson('/api/v1/search', params, controller.signal);
      if (controller.signal.aborted) return;
      this.renderAnswer(answer);
    } catch (error) {
      if (error.name === 'AbortError') return;
      this.results.replaceChildren();
      this.pager.replaceChildren();
      this.count.textContent = '';
      this.messages.replaceChildren(h('p', { class: 'error', role: 'alert' }, this.errorText(error)));
    } finally {
      if (this.controller === controller) this.resultsArea.removeAttribute('aria-busy');
    }
  }

  renderAnswer(answer) {
    const t = this.t;
    for (const facet of FACETS) {
      for (const entry of answer.facets?.[facet] || []) {
        if (entry && entry.label) (this.labels[facet] ||= {})[entry.value] = String(entry.label);
      }
    }
    this.renderFixed();
    const total = Number(answer.total) || 0;
    this.count.textContent = t.count(total);
    const notes = [];
    if (answer.did_you_mean) {
      const suggestion = String(answer.did_you_mean);
      notes.push(h('p', { class: 'note' }, t.didYouMean,
        h('button', { type: 'button', class: 'link', onclick: () => { this.input.value = suggestion; this.page = 1; this.search(); this.input.focus(); } }, suggestion), '?'));
    }
    if (answer.relaxed === true) notes.push(h('p', { class: 'note' }, t.relaxed));
    this.messages.replaceChildren(...notes);
    this.results.replaceChildren(...(Array.isArray(answer.hits) ? answer.hits : []).map((hit, i) => this.renderHit(hit, i)));
    this.renderFacets(answer.facets || {});
    this.renderPager(total, Number(answer.per_page) || this.perPage);
  }

  caseUrl(id) {
    return `${this.api}/cases/${encodeURIComponent(id)}${this.lang === 'en' ? '?lang=en' : ''}`;
  }

  renderHit(hit, index) {
    const t = this.t;
    const similarId = `${this.uid}-similar-${index}`;
    const similar = h('div', { class: 'similar', id: similarId, hidden: true });
    const toggle = h('button', { type: 'button', class: 'quiet', 'aria-expanded': 'false', 'aria-controls': similarId,
      onclick: () => this.toggleSimilar(hit.id, toggle, similar) }, t.similar);
    const themes = (Array.isArray(hit.themes) ? hit.themes : []).map((v) => this.label('theme', v));
    const meta = [];
    if (themes.length) meta.push(t.themesPrefix + themes.join(', '));
    if (hit.start_year) meta.push(t.started + hit.start_year);
    // English where the case has it; other-language text marked as such (WCAG 3.1.2).
    const english = this.lang === 'en' && typeof hit.title_en === 'string' && hit.title_en !== '';
    const title = english ? hit.title_en : String(hit.title || hit.id);
    const titleLang = english || hit.language === 'en' ? 'en' : 'nl';
    const snippet = snippetNodes(hit.snippet_parts);
    const snippetLang = snippet.length ? (hit.snippet_lang === 'en' ? 'en' : 'nl') : 'nl';
    return h('li', { class: 'result' }, h('article', {},
      h('h3', {}, h('a', { href: this.caseUrl(hit.id), lang: titleLang !== this.lang ? titleLang : null }, title)),
      h('p', { class: 'badges' },
        hit.municipality ? h('span', { class: 'badge' }, h('span', { class: 'vh' }, t.municipalityPrefix), String(hit.municipality)) : null,
        hit.maturity ? h('span', { class: 'badge' }, h('span', { class: 'vh' }, t.maturityPrefix), this.label('maturity', hit.maturity)) : null,
        Number(hit.reuse_count) > 0 ? h('span', { class: 'badge reuse' }, t.reuse(Number(hit.reuse_count))) : null),
      snippet.length || hit.summary ? h('p', { class: 'snippet', lang: snippetLang !== this.lang ? snippetLang : null },
        snippet.length ? snippet : String(hit.summary)) : null,
      meta.length ? h('p', { class: 'meta' }, meta.join(' · ')) : null,
      toggle, similar));
  }

  async toggleSimilar(id, button, panel) {
    const open = button.getAttribute('aria-expanded') === 'true';
    button.setAttribute('aria-expanded', String(!open));
    panel.hidden = open;
    if (open || panel.dataset.loaded) return;
    panel.replaceChildren(h('p', { role: 'status' }, this.t.loading));
    try {
      const answer = await this.getJson(`/api/v1/cases/${encodeURIComponent(id)}/similar`, [['per_page', '3'], ['lang', this.lang]]);
      const hits = Array.isArray(answer.hits) ? answer.hits : [];
      panel.dataset.loaded = 'true';
      panel.replaceChildren(hits.length
        ? h('ul', {}, hits.map((hit) => h('li', {}, h('a', { href: this.caseUrl(hit.id) }, String(hit.title || hit.id)),
          hit.municipality ? ` (${hit.municipality})` : '')))
        : h('p', {}, this.t.noSimilar));
    } catch (error) {
      panel.replaceChildren(h('p', { class: 'error', role: 'alert' }, this.errorText(error)));
    }
  }

  renderFacets(facets) {
    const active = this.shadowRoot.activeElement;
    const focusKey = active?.dataset?.key;
    const sets = [];
    for (const facet of FACETS) {
      if (this.locked(facet)) continue;
      let entries = Array.isArray(facets[facet]) ? facets[facet].filter((e) => e && e.value !== undefined) : [];
      if (LONG_FACETS.has(facet)) entries = entries.filter((e) => e.count > 0 || this.selected[facet].has(String(e.value))).slice(0, 15);
      for (const value of this.selected[facet]) {
        if (!entries.some((e) => String(e.value) === value)) entries.push({ value, count: 0 });
      }
      if (!entries.length) continue;
      sets.push(h('fieldset', {}, h('legend', {}, this.t[facet]), h('ul', { class: 'options' }, entries.map((entry, i) => {
        const value = String(entry.value);
        const inputId = `${this.uid}-${facet}-${i}`;
        return h('li', {},
          h('input', { type: 'checkbox', id: inputId, 'data-key': `${facet}=${value}`, checked: this.selected[facet].has(value),
            onchange: (e) => this.toggleFilter(facet, value, e.target.checked) }),
          h('label', { for: inputId }, this.label(facet, value), ' ',
            typeof entry.count === 'number' ? h('span', { class: 'n' }, `(${entry.count})`) : null));
      }))));
    }
    this.filters.replaceChildren(...(sets.length ? [h('h2', { class: 'vh' }, this.t.filters), ...sets] : []));
    if (focusKey) [...this.filters.querySelectorAll('input')].find((el) => el.dataset.key === focusKey)?.focus();
  }

  toggleFilter(facet, value, on) {
    if (on) this.selected[facet].add(value);
    else this.selected[facet].delete(value);
    this.page = 1;
    this.search();
  }

  renderPager(total, perPage) {
    const pages = Math.ceil(total / perPage);
    if (pages <= 1) {
      this.pager.replaceChildren();
      return;
    }
    const go = (page) => {
      this.page = page;
      this.search().then(() => this.count.focus());
    };
    this.pager.replaceChildren(
      h('button', { type: 'button', class: 'quiet', disabled: this.page <= 1, onclick: () => go(this.page - 1) }, this.t.previous),
      h('span', {}, this.t.pageOf(this.page, pages)),
      h('button', { type: 'button', class: 'quiet', disabled: this.page >= pages, onclick: () => go(this.page + 1) }, this.t.next));
  }

  // Suggestions: an ARIA 1.2 combobox with a listbox popup.
  async suggest() {
    this.suggestController?.abort();
    const q = this.input.value.trim();
    if (q.length < 2) {
      this.closeSuggestions();
      return;
    }
    const controller = new AbortController();
    this.suggestController = controller;
    try {
      const answer = await this.getJson('/api/v1/suggest', [['q', q], ['lang', this.lang]], controller.signal);
      const items = (Array.isArray(answer.suggestions) ? answer.suggestions : []).filter((s) => s && s.text).slice(0, 8);
      if (controller.signal.aborted || this.shadowRoot.activeElement !== this.input) return;
      this.listbox.replaceChildren(...items.map((s, i) => h('li', {
        role: 'option', id: `${this.uid}-option-${i}`, 'aria-selected': 'false',
        onmousedown: (e) => e.preventDefault(), onclick: () => this.choose(String(s.text)),
      }, String(s.text))));
      this.setOpen(items.length > 0);
    } catch {
      this.closeSuggestions();  // suggestions are a convenience: fail quietly
    }
  }

  options() {
    return [...this.listbox.querySelectorAll('[role=option]')];
  }

  setOpen(open) {
    this.listbox.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    this.setActive(-1);
  }

  closeSuggestions() {
    this.setOpen(false);
  }

  setActive(index) {
    this.options().forEach((el, i) => el.setAttribute('aria-selected', String(i === index)));
    const active = this.options()[index];
    if (active) {
      this.input.setAttribute('aria-activedescendant', active.id);
      active.scrollIntoView?.({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
    this.active = index;
  }

  choose(text) {
    this.input.value = text;
    this.closeSuggestions();
    clearTimeout(this.timer);
    this.page = 1;
    this.search();
  }

  onKeyDown(event) {
    const options = this.options();
    const open = !this.listbox.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!options.length) return;
      event.preventDefault();
      if (!open) this.setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // Positions cycle through the options and back to the input (-1).
      let next = (open ? this.active : -1) + step;
      if (next >= options.length) next = -1;
      if (next < -1) next = options.length - 1;
      this.setActive(next);
    } else if (event.key === 'Enter' && open && this.active >= 0) {
      event.preventDefault();
      this.choose(options[this.active].textContent);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      this.closeSuggestions();
    }
  }
}

if (!customElements.get('kb-search')) customElements.define('kb-search', KbSearch);

export { KbSearch, snippetNodes };
