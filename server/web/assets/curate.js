// The curation app served at /curate: list, create, edit, publish, delete cases,
// see their history and the demand report. Vanilla ES module, no framework.
// The API key is kept in sessionStorage only (gone when the tab closes).
// Data is only ever inserted as text (textContent), never as HTML.

const app = document.getElementById('curate-app');
const LANG = app?.dataset.lang === 'en' ? 'en' : 'nl';
const L = (nl, en) => (LANG === 'en' ? en : nl);
const KEY_NAME = 'kb-curate-key';
const PER_PAGE = 25;

// Themes, maturity levels, statuses and partner kinds come from the server
// (GET /api/v1/taxonomy, generated from corpus/themes.json), as [id, nl, en].
async function loadTaxonomy() {
  try {
    const response = await fetch('/api/v1/taxonomy', { headers: { Accept: 'application/json' } });
    if (response.ok) return await response.json();
  } catch { /* reported below, once the status region exists */ }
  return null;
}
const TAXONOMY = await loadTaxonomy();
const rows = (entries) => (Array.isArray(entries) ? entries : []).map((e) => [String(e.value), String(e.nl), String(e.en)]);
const THEMES = rows(TAXONOMY?.themes);
const MATURITIES = rows(TAXONOMY?.maturities);
const STATUSES = [['', '(geen)', '(none)'], ...rows(TAXONOMY?.statuses)];
const KINDS = rows(TAXONOMY?.partner_kinds);
const LANGUAGES = [['nl', 'Nederlands', 'Dutch'], ['en', 'Engels', 'English']];
const VISIBILITIES = [['draft', 'Concept', 'Draft'], ['published', 'Gepubliceerd', 'Published']];
const label = (table, value) => { const row = table.find((r) => r[0] === value); return row ? L(row[1], row[2]) : value; };

// The fields of case-schema.md, in form order. Only these are sent to the API.
const LINE_FIELDS = [
  ['id', 'Id (kleine letters, cijfers, streepjes)', 'Id (lower case, digits, hyphens)', { required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 80 }],
  ['title', 'Titel', 'Title', { required: true, maxlength: 200 }],
  ['title_en', 'Engelse titel', 'English title', {}],
  ['municipality', 'Gemeente', 'Municipality', { required: true }],
];
const TEXT_FIELDS = [
  ['summary', 'Samenvatting (20 tot 1000 tekens)', 'Summary (20 to 1000 characters)', { required: true, maxlength: 1000 }],
  ['summary_en', 'Engelse samenvatting', 'English summary', {}],
  ['problem', 'Vraagstuk', 'Problem', {}],
  ['solution', 'Aanpak', 'Solution', { required: true }],
  ['results', 'Resultaten', 'Results', {}],
  ['lessons', 'Lessen', 'Lessons learned', {}],
  ['scale_up', 'Opschaling: wat heeft een andere gemeente nodig?', 'Scaling up: what does another municipality need?', {}],
];

const state = { list: { visibility: 'all', text: '', page: 1, total: 0, cases: [] } };

// --- API ---------------------------------------------------------------------

const getKey = () => sessionStorage.getItem(KEY_NAME) || '';

// The answer's data and its ETag (a case's revision, sent back as If-Match so
// that a save never silently overwrites someone else's change). Never from
// the browser's cache: a reopened case is always the current one.
async function apiWithEtag(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${getKey()}`, ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, { title: L('De server is niet bereikbaar', 'The server cannot be reached') });
  }
  let data = null;
  if (response.status !== 204) {
    try { data = await response.json(); } catch { data = null; }
  }
  if (!response.ok) {
    if (response.status === 401) {
      sessionStorage.removeItem(KEY_NAME);
      setStatus(L('Uw sleutel is niet (meer) geldig. Meld u opnieuw aan.', 'Your key is not valid (any more). Please sign in again.'), 'fail');
      location.hash = '#/';
      route();
    }
    throw new ApiError(response.status, data);
  }
  return { data, etag: response.headers.get('ETag') };
}

async function api(method, path, body) {
  return (await apiWithEtag(method, path, body)).data;
}

const casePath = (id) => `/api/v1/cases/${encodeURIComponent(id)}`;

function problemText(error) {
  if (!(error instanceof ApiError)) return String(error);
  const { title, detail } = error.problem;
  return [title || `HTTP ${error.status}`, detail].filter(Boolean).join(': ');
}

// --- Shell: status region, views, routing -----------------------------------

const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const view = h('div');
app?.replaceChildren(status, view);

function setStatus(text, kind = 'ok') {
  status.className = `status ${kind}`;
  status.textContent = text;
}

function show(heading, ...content) {
  const title = h('h2', { tabindex: '-1' }, heading);
  view.replaceChildren(title, ...content);
  title.focus();
}

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (!getKey()) return signInView();
  if (parts[0] === 'new') return editorView(null);
  if (parts[0] === 'case' && parts[1] && parts[2] === 'history') return historyView(parts[1]);
  if (parts[0] === 'case' && parts[1]) return editorView(parts[1]);
  if (parts[0] === 'stats') return statsView();
  return listView();
}

function field(id, text, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, control);
}

function select(id, name, options, value) {
  return h('select', { id, name, 'data-field': name }, options.map(([v, nl, en]) => h('option', { value: v, selected: v === value }, L(nl, en))));
}

function nav(...links) {
  return h('p', { class: 'actions' }, links.map(([href, text]) => h('a', { href }, text)));
}

// --- Sign in ------------------------------------------------------------------

function signInView() {
  const input = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', required: true, 'aria-describedby': 'api-key-hint' });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY_NAME, input.value.trim());
      try {
        await api('GET', '/api/v1/cases?visibility=all&page=1&per_page=1');
        setStatus(L('U bent aangemeld.', 'You are signed in.'));
        location.hash = '#/';
        route();
      } catch (error) {
        if (error.status !== 401) setStatus(problemText(error), 'fail');
        input.focus();
      }
    },
  }, field('api-key', L('API-sleutel', 'API key'), input,
    L('De sleutel blijft alleen in dit tabblad bewaard en verdwijnt als u het sluit.', 'The key is kept in this tab only and is gone when you close it.')),
  h('button', { type: 'submit' }, L('Aanmelden', 'Sign in')));
  show(L('Aanmelden', 'Sign in'), form);
}

function signOut() {
  sessionStorage.removeItem(KEY_NAME);
  setStatus(L('U bent afgemeld.', 'You are signed out.'));
  location.hash = '#/';
  route();
}

// --- List -----------------------------------------------------------------------

async function listView() {
  const list = state.list;
  const tableHolder = h('div', { class: 'table-wrapper' });
  const pager = h('p', { class: 'actions' });
  const draw = () => {
    const needle = list.text.toLowerCase();
    const rows = list.cases.filter((c) => !needle || [c.id, c.title, c.municipality].some((v) => String(v || '').toLowerCase().includes(needle)));
    tableHolder.replaceChildren(h('table', {},
      h('caption', {}, L(`Cases (${list.total} in totaal, ${rows.length} op deze pagina getoond)`, `Cases (${list.total} in total, ${rows.length} shown on this page)`)),
      h('thead', {}, h('tr', {}, [L('Titel', 'Title'), L('Gemeente', 'Municipality'), L('Zichtbaarheid', 'Visibility'), L('Bijgewerkt', 'Updated')]
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((c) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/case/${encodeURIComponent(c.id)}` }, c.title || c.id)),
        h('td', {}, c.municipality || ''),
        h('td', {}, h('span', { class: `badge visibility-${c.visibility === 'draft' ? 'draft' : 'published'}` }, label(VISIBILITIES, c.visibility || 'published'))),
        h('td', {}, c.updated || ''))))));
    const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
    pager.replaceChildren(
      h('button', { type: 'button', class: 'secondary', disabled: list.page <= 1, onclick: () => { list.page -= 1; load(); } }, L('Vorige', 'Previous')),
      h('span', {}, L(`Pagina ${list.page} van ${pages}`, `Page ${list.page} of ${pages}`)),
      h('button', { type: 'button', class: 'secondary', disabled: list.page >= pages, onclick: () => { list.page += 1; load(); } }, L('Volgende', 'Next')));
  };
  const load = async () => {
    try {
      const answer = await api('GET', `/api/v1/cases?visibility=${encodeURIComponent(list.visibility)}&page=${list.page}&per_page=${PER_PAGE}`);
      list.total = Number(answer?.total) || 0;
      list.cases = Array.isArray(answer?.cases) ? answer.cases : [];
      draw();
    } catch (error) {
      if (error.status !== 401) setStatus(problemText(error), 'fail');
    }
  };
  const toolbar = h('div', { class: 'toolbar' },
    field('filter-visibility', L('Zichtbaarheid', 'Visibility'),
      h('select', { id: 'filter-visibility', onchange: (e) => { list.visibility = e.target.value; list.page = 1; load(); } },
        [['all', 'Alle', 'All'], ...VISIBILITIES].map(([v, nl, en]) => h('option', { value: v, selected: v === list.visibility }, L(nl, en))))),
    field('filter-text', L('Zoek in deze pagina', 'Filter this page'),
      h('input', { type: 'text', id: 'filter-text', value: list.text, oninput: (e) => { list.text = e.target.value; draw(); } })),
    h('a', { class: 'button', href: '#/new' }, L('Nieuwe case', 'New case')),
    h('a', { class: 'button button-secondary', href: '#/stats' }, L('Vraagrapport', 'Demand report')),
    h('button', { type: 'button', class: 'secondary', onclick: signOut }, L('Afmelden', 'Sign out')));
  show(L('Cases', 'Cases'), toolbar, tableHolder, pager);
  await load();
}

// --- Editor ---------------------------------------------------------------------

function repeatable(name, legend, rowFields, values, addText) {
  const rows = h('div', { 'data-field': name });
  let counter = 0;
  const addRow = (value = {}) => {
    const n = counter++;
    const row = h('div', { class: 'row', 'data-row': name });
    for (const [key, nl, en, kind] of rowFields) {
      const id = `f-${name}-${n}-${key}`;
      const control = kind === 'kind'
        ? h('select', { id, 'data-key': key }, KINDS.map(([v, knl, ken]) => h('option', { value: v, selected: v === value[key] }, L(knl, ken))))
        : h('input', { type: kind, id, 'data-key': key, value: value[key] || '' });
      row.append(field(id, L(nl, en), control));
    }
    row.append(h('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); renumber(); rows.closest('fieldset').querySelector('button.add').focus(); } },
      L('Verwijderen', 'Remove'), h('span', { class: 'visually-hidden' }, ` ${legend}`)));
    rows.append(row);
    renumber();
    return row;
  };
  // data-field follows the API's error names: partners[0].kind -> partners-0-kind.
  const renumber = () => [...rows.children].forEach((row, i) => row.querySelectorAll('[data-key]').forEach((el) => el.setAttribute('data-field', `${name}-${i}-${el.dataset.key}`)));
  (values || []).forEach((v) => addRow(v));
  return h('fieldset', {}, h('legend', {}, legend), rows,
    h('button', { type: 'button', class: 'secondary add', onclick: () => addRow().querySelector('input, select').focus() }, addText));
}

function buildForm(record, editing) {
  const parts = [];
  const basics = h('div', { class: 'two-columns' });
  for (const [name, nl, en, opts] of LINE_FIELDS) {
    const id = `f-${name}`;
    basics.append(field(id, L(nl, en) + (opts.required ? ' *' : ''), h('input', { type: 'text', id, name, 'data-field': name, value: record[name] || '',
      required: opts.required, pattern: opts.pattern, maxlength: opts.maxlength, readonly: name === 'id' && editing })));
  }
  basics.append(
    field('f-maturity', L('Volwassenheid *', 'Maturity *'), select('f-maturity', 'maturity', MATURITIES, record.maturity || 'idea')),
    field('f-status', L('Status', 'Status'), select('f-status', 'status', STATUSES, record.status || '')),
    field('f-start_year', L('Startjaar', 'Start year'), h('input', { type: 'number', id: 'f-start_year', name: 'start_year', 'data-field': 'start_year', min: 1990, max: 2100, value: record.start_year ?? '' })),
    field('f-updated', L('Bijgewerkt op', 'Updated on'), h('input', { type: 'date', id: 'f-updated', name: 'updated', 'data-field': 'updated', value: record.updated || '' })),
    field('f-language', L('Taal van de teksten', 'Language of the texts'), select('f-language', 'language', LANGUAGES, record.language || 'nl')),
    field('f-visibility', L('Zichtbaarheid', 'Visibility'), select('f-visibility', 'visibility', VISIBILITIES, record.visibility || 'draft')));
  parts.push(basics);
  const themes = new Set(record.themes || []);
  parts.push(h('fieldset', { 'data-field': 'themes' }, h('legend', {}, L(`Thema's (1 tot ${THEMES.length}) *`, `Themes (1 to ${THEMES.length}) *`)),
    h('ul', { class: 'checkbox-list' }, THEMES.map(([v, nl, en]) => h('li', {},
      h('input', { type: 'checkbox', id: `f-theme-${v}`, name: 'themes', value: v, checked: themes.has(v) }), ' ',
      h('label', { for: `f-theme-${v}` }, L(nl, en)))))));
  for (const [name, nl, en, opts] of TEXT_FIELDS) {
    const id = `f-${name}`;
    parts.push(field(id, L(nl, en) + (opts.required ? ' *' : ''), h('textarea', { id, name, 'data-field': name, rows: name.startsWith('summary') ? 3 : 6, required: opts.required, maxlength: opts.maxlength, value: record[name] || '' })));
  }
  parts.push(repeatable('partners', L('Partners', 'Partners'), [['name', 'Naam', 'Name', 'text'], ['kind', 'Soort', 'Kind', 'kind']], record.partners, L('Partner toevoegen', 'Add partner')));
  parts.push(repeatable('links', L('Links', 'Links'), [['title', 'Titel', 'Title', 'text'], ['url', 'Adres (https://…)', 'Address (https://…)', 'url']], record.links, L('Link toevoegen', 'Add link')));
  const lines = (name, nl, en) => field(`f-${name}`, L(nl, en), h('textarea', { id: `f-${name}`, name, 'data-field': name, rows: 3, 'aria-describedby': `f-${name}-hint`, value: (record[name] || []).join('\n') }),
    L('Eén per regel.', 'One per line.'));
  parts.push(h('div', { class: 'two-columns' },
    lines('adopted_by', 'Hergebruikt door (gemeenten)', 'Reused by (municipalities)'),
    lines('tags', 'Trefwoorden', 'Keywords')));
  parts.push(h('fieldset', { 'data-field': 'contact' }, h('legend', {}, L('Contact', 'Contact')), h('div', { class: 'two-columns' },
    field('f-contact-organisation', L('Organisatie', 'Organisation'), h('input', { type: 'text', id: 'f-contact-organisation', name: 'contact_organisation', 'data-field': 'contact-organisation', value: record.contact?.organisation || '' })),
    field('f-contact-email', L('E-mail (een functioneel adres)', 'Email (a role address)'), h('input', { type: 'email', id: 'f-contact-email', name: 'contact_email', 'data-field': 'contact-email', value: record.contact?.email || '' })))));
  return parts;
}

// The record as the form describes it; empty optional fields are left out.
function collect(form) {
  const value = (name) => (form.elements.namedItem(name)?.value || '').trim();
  const record = {};
  for (const [name] of [...LINE_FIELDS, ...TEXT_FIELDS]) {
    const v = value(name);
    if (v || ['id', 'title', 'municipality', 'summary', 'solution'].includes(name)) record[name] = v;
  }
  record.themes = [...form.querySelectorAll('input[name=themes]:checked')].map((el) => el.value);
  record.maturity = value('maturity');
  for (const name of ['status', 'updated', 'language', 'visibility']) if (value(name)) record[name] = value(name);
  if (value('start_year')) record.start_year = Number(value('start_year'));
  for (const name of ['partners', 'links']) {
    const rows = [...form.querySelectorAll(`[data-row=${name}]`)].map((row) => Object.fromEntries(
      [...row.querySelectorAll('[data-key]')].map((el) => [el.dataset.key, el.value.trim()])))
      .filter((row) => Object.entries(row).some(([k, v]) => k !== 'kind' && v));
    if (rows.length) record[name] = rows;
  }
  for (const name of ['adopted_by', 'tags']) {
    const items = value(name).split('\n').map((s) => s.trim()).filter(Boolean);
    if (items.length) record[name] = items;
  }
  const contact = { organisation: value('contact_organisation'), email: value('contact_email') };
  if (contact.organisation || contact.email) record.contact = Object.fromEntries(Object.entries(contact).filter(([, v]) => v));
  return record;
}

function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('err-'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  });
  form.parentElement.querySelector('.error-summary')?.remove();
}

// 422: one message next to each field (partners[0].kind -> data-field partners-0-kind),
// plus a summary at the top that links to the fields.
function showErrors(form, errors) {
  clearErrors(form);
  const items = [];
  errors.forEach(({ field: name = '', message = '' }, index) => {
    let key = String(name).replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-');
    let target = null;
    while (key && !(target = form.querySelector(`[data-field="${CSS.escape(key)}"]`))) key = key.includes('-') ? key.slice(0, key.lastIndexOf('-')) : '';
    const control = target && (target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea'));
    const text = name ? `${name}: ${message}` : message;
    if (target && control) {
      const errorId = `err-${index}`;
      const holder = target.matches('fieldset, [data-row], [data-field=partners], [data-field=links]') ? target : (target.closest('.field') || target.parentElement);
      holder.append(h('p', { class: 'field-error', id: errorId }, text));
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') || ''} ${errorId}`.trim());
      items.push(h('li', {}, h('a', { href: `#${control.id}`, onclick: (e) => { e.preventDefault(); control.focus(); } }, text)));
    } else {
      items.push(h('li', {}, text));
    }
  });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h3', {}, L('Controleer deze velden', 'Please check these fields')), h('ul', {}, items));
  form.before(summary);
  summary.focus();
}

function renderPreview(record) {
  const section = (title, text) => (text ? [h('h4', {}, title), ...String(text).split(/\n\s*\n/).map((p) => h('p', {}, p))] : []);
  const facts = [[L('Gemeente', 'Municipality'), record.municipality], [L("Thema's", 'Themes'), (record.themes || []).map((t) => label(THEMES, t)).join(', ')],
    [L('Volwassenheid', 'Maturity'), label(MATURITIES, record.maturity)], [L('Status', 'Status'), record.status ? label(STATUSES, record.status) : ''],
    [L('Startjaar', 'Start year'), record.start_year]].filter(([, v]) => v);
  return [
    h('h3', {}, record.title || L('(zonder titel)', '(untitled)')),
    h('p', {}, h('span', { class: 'badge' }, record.municipality || ''), ' ', h('span', { class: `badge badge-maturity-${record.maturity}` }, label(MATURITIES, record.maturity))),
    h('p', { class: 'lead' }, record.summary || ''),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, String(v))))),
    ...section(L('Vraagstuk', 'Problem'), record.problem), ...section(L('Aanpak', 'Solution'), record.solution),
    ...section(L('Resultaten', 'Results'), record.results), ...section(L('Lessen', 'Lessons learned'), record.lessons),
    ...section(L('Opschaling', 'Scaling up'), record.scale_up),
    ...(record.partners?.length ? [h('h4', {}, L('Partners', 'Partners')), h('ul', {}, record.partners.map((p) => h('li', {}, `${p.name} (${label(KINDS, p.kind)})`)))] : []),
    ...(record.adopted_by?.length ? [h('h4', {}, L('Hergebruikt door', 'Reused by')), h('ul', {}, record.adopted_by.map((m) => h('li', {}, m)))] : []),
    ...(record.links?.length ? [h('h4', {}, L('Meer informatie', 'More information')), h('ul', {}, record.links.map((l) => h('li', {},
      /^https?:\/\//.test(l.url || '') ? h('a', { href: l.url, rel: 'noopener' }, l.title || l.url) : (l.title || ''))))] : []),
    ...(record.tags?.length ? [h('h4', {}, L('Trefwoorden', 'Keywords')), h('p', {}, record.tags.join(', '))] : []),
    ...(record.contact ? [h('h4', {}, L('Contact', 'Contact')), h('p', {}, [record.contact.organisation, record.contact.email].filter(Boolean).join(' · '))] : []),
  ];
}

// The form's label of a record field (the API name for the few without one).
function fieldLabel(name) {
  const known = [...LINE_FIELDS, ...TEXT_FIELDS].find(([n]) => n === name);
  return known ? L(known[1], known[2]) : name;
}

// Shown on 412: someone else saved the case after it was loaded. The form
// keeps the curator's edits; the fields that differ are listed side by side,
// and the curator chooses: load the current version, or save theirs over it.
function conflictPanel(mine, current, { loadCurrent, saveMine }) {
  const format = (v) => (v === undefined || v === '' ? L('(leeg)', '(empty)') : typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  const fields = changedFields(current.record, mine).filter((k) => !['municipality_slug', 'municipality_label', 'province', 'province_slug',
    'reused_by', 'reuse_count', 'theme_labels', 'maturity_label'].includes(k));
  const panel = h('section', { class: 'conflict', 'aria-labelledby': 'conflict-title' },
    h('h3', { id: 'conflict-title', tabindex: '-1' }, L('Iemand anders heeft deze case intussen gewijzigd.', 'Someone else changed this case in the meantime.')),
    h('p', {}, L('Uw wijzigingen zijn niet opgeslagen en staan nog in het formulier. Vergelijk ze met de huidige versie:',
      'Your changes were not saved and are still in the form. Compare them with the current version:')),
    fields.length ? h('dl', {}, fields.map((k) => [h('dt', {}, fieldLabel(k)),
      h('dd', {}, h('p', {}, L('Uw versie:', 'Your version:')), h('pre', {}, format(mine[k])),
        h('p', {}, L('Huidige versie:', 'Current version:')), h('pre', {}, format(current.record?.[k])))]))
      : h('p', {}, L('De velden zijn gelijk.', 'The fields are the same.')),
    h('p', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: loadCurrent }, L('Huidige versie laden', 'Load the current version')),
      saveMine ? h('button', { type: 'button', onclick: saveMine }, L('Mijn versie toch opslaan', 'Save my version anyway')) : null));
  return panel;
}

async function editorView(id) {
  let record = {};
  let etag = null;  // the revision the form was loaded from: If-Match of the next save
  if (id) {
    try {
      ({ data: record, etag } = await apiWithEtag('GET', casePath(id)));
    } catch (error) {
      if (error.status !== 401) show(L('Case niet gevonden', 'Case not found'), h('p', {}, problemText(error)), nav(['#/', L('Terug naar de lijst', 'Back to the list')]));
      return;
    }
  }
  const form = h('form', { novalidate: true }, buildForm(record, Boolean(id)));
  const preview = h('section', { class: 'preview', hidden: true, 'aria-label': L('Voorbeeld', 'Preview') });
  const conflictHolder = h('div');
  const showConflict = (error, saveAgain) => {
    const current = error.problem.current || {};
    setStatus(L('Niet opgeslagen: iemand anders heeft deze case intussen gewijzigd.', 'Not saved: someone else changed this case in the meantime.'), 'fail');
    const panel = conflictPanel(saveAgain ? collect(form) : record, current, {
      loadCurrent: () => editorView(id),
      saveMine: saveAgain && current.etag ? () => { etag = current.etag; conflictHolder.replaceChildren(); saveAgain(); } : null,
    });
    conflictHolder.replaceChildren(panel);
    panel.querySelector('h3').focus();
  };
  const save = async (overrides = {}) => {
    const data = { ...collect(form), ...overrides };
    clearErrors(form);
    setStatus(L('Bezig met opslaan…', 'Saving…'));
    try {
      const ifMatch = etag ? { 'If-Match': etag } : {};
      const written = id ? await apiWithEtag('PUT', casePath(id), data, ifMatch) : await apiWithEtag('POST', '/api/v1/cases', data);
      etag = written.etag;
      conflictHolder.replaceChildren();
      setStatus(id ? L('Opgeslagen.', 'Saved.') : L('Aangemaakt.', 'Created.'));
      if (overrides.visibility) form.elements.namedItem('visibility').value = overrides.visibility;
      if (!id) location.hash = `#/case/${encodeURIComponent(data.id)}`;
      return true;
    } catch (error) {
      if (error.status === 422 && Array.isArray(error.problem.errors)) {
        setStatus(L('Niet opgeslagen: controleer de gemarkeerde velden.', 'Not saved: please check the marked fields.'), 'fail');
        showErrors(form, error.problem.errors);
      } else if (error.status === 412) {
        showConflict(error, () => save(overrides));
      } else if (error.status === 409) {
        setStatus(L('Er bestaat al een case met dit id.', 'A case with this id already exists.'), 'fail');
        showErrors(form, [{ field: 'id', message: problemText(error) }]);
      } else if (error.status !== 401) {
        setStatus(problemText(error), 'fail');
      }
      return false;
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); save(); });
  const confirmDialog = h('dialog', { 'aria-labelledby': 'delete-title' }, h('form', { method: 'dialog' },
    h('h3', { id: 'delete-title' }, L('Case verwijderen?', 'Delete case?')),
    h('p', {}, L(`Weet u zeker dat u "${record.title || id}" wilt verwijderen? Dit kan niet ongedaan worden gemaakt.`,
      `Are you sure you want to delete "${record.title || id}"? This cannot be undone.`)),
    h('p', { class: 'actions' }, h('button', { value: 'cancel', class: 'secondary', autofocus: true }, L('Annuleren', 'Cancel')),
      h('button', { value: 'delete', class: 'danger' }, L('Definitief verwijderen', 'Delete permanently')))));
  confirmDialog.addEventListener('close', async () => {
    if (confirmDialog.returnValue !== 'delete') return;
    try {
      await apiWithEtag('DELETE', casePath(id), undefined, etag ? { 'If-Match': etag } : {});
      setStatus(L('Verwijderd.', 'Deleted.'));
      location.hash = '#/';
    } catch (error) {
      if (error.status === 412) showConflict(error, null);
      else if (error.status !== 401) setStatus(problemText(error), 'fail');
    }
  });
  const actions = h('div', { class: 'actions' },
    h('button', { type: 'submit' }, id ? L('Opslaan', 'Save') : L('Aanmaken', 'Create')),
    id ? h('button', { type: 'button', class: 'secondary', onclick: () => save({ visibility: 'published' }) }, L('Publiceren', 'Publish')) : null,
    id ? h('button', { type: 'button', class: 'secondary', onclick: () => save({ visibility: 'draft' }) }, L('Depubliceren (concept)', 'Unpublish (draft)')) : null,
    h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', onclick: (e) => {
      const open = preview.hidden;
      preview.hidden = !open;
      e.currentTarget.setAttribute('aria-expanded', String(open));
      if (open) preview.replaceChildren(h('h3', { class: 'visually-hidden' }, L('Voorbeeld', 'Preview')), ...renderPreview(collect(form)));
    } }, L('Voorbeeld tonen of verbergen', 'Show or hide preview')),
    id ? h('button', { type: 'button', class: 'danger', onclick: () => confirmDialog.showModal() }, L('Verwijderen', 'Delete')) : null);
  form.append(actions);
  show(id ? L(`Bewerken: ${record.title || id}`, `Edit: ${record.title || id}`) : L('Nieuwe case', 'New case'),
    nav(['#/', L('Terug naar de lijst', 'Back to the list')], ...(id ? [[`#/case/${encodeURIComponent(id)}/history`, L('Geschiedenis', 'History')],
      [`/cases/${encodeURIComponent(id)}`, L('Openbare pagina', 'Public page')]] : [])),
    h('p', { class: 'hint' }, L('Velden met * zijn verplicht.', 'Fields marked * are required.')),
    conflictHolder, form, preview, confirmDialog);
}

// --- History --------------------------------------------------------------------

function changedFields(before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
}

async function historyView(id) {
  const holder = h('ol', {});
  show(L(`Geschiedenis: ${id}`, `History: ${id}`), nav([`#/case/${encodeURIComponent(id)}`, L('Terug naar de case', 'Back to the case')]), holder);
  try {
    const answer = await api('GET', `${casePath(id)}/history`);
    const changes = Array.isArray(answer?.changes) ? answer.changes : [];
    if (!changes.length) {
      holder.replaceWith(h('p', {}, L('Nog geen wijzigingen.', 'No changes yet.')));
      return;
    }
    holder.replaceChildren(...changes.map((change) => {
      const fields = changedFields(change.before, change.after);
      const format = (v) => (v === undefined ? L('(leeg)', '(empty)') : JSON.stringify(v, null, 2));
      return h('li', { class: 'change' },
        h('h3', {}, `${change.at || ''} · ${change.action || ''} · ${L('door', 'by')} ${change.by || '?'}`),
        fields.length ? h('details', {}, h('summary', {}, L(`${fields.length} veld(en) gewijzigd: `, `${fields.length} field(s) changed: `) + fields.join(', ')),
          h('dl', {}, fields.map((k) => [h('dt', {}, k),
            h('dd', {}, h('p', {}, L('Voor:', 'Before:')), h('pre', {}, format(change.before?.[k])), h('p', {}, L('Na:', 'After:')), h('pre', {}, format(change.after?.[k])))]))) : null);
    }));
  } catch (error) {
    if (error.status !== 401) setStatus(problemText(error), 'fail');
  }
}

// --- Demand report --------------------------------------------------------------

function countTable(caption, column, rows, key) {
  if (!Array.isArray(rows) || !rows.length) return [h('h3', {}, caption), h('p', {}, L('Geen gegevens.', 'No data.'))];
  return [h('div', { class: 'table-wrapper' }, h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, column), h('th', { scope: 'col' }, L('Aantal', 'Count')))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, key === 'theme' ? label(THEMES, r[key]) : String(r[key] ?? '')), h('td', {}, String(r.count ?? '')))))))];
}

async function statsView(days = 30) {
  const holder = h('div', {});
  const picker = field('stats-days', L('Periode', 'Period'), h('select', { id: 'stats-days', onchange: (e) => load(Number(e.target.value)) },
    [7, 30, 90, 365].map((d) => h('option', { value: d, selected: d === days }, L(`Laatste ${d} dagen`, `Last ${d} days`)))));
  const load = async (period) => {
    try {
      const s = await api('GET', `/api/v1/stats?days=${period}`);
      holder.replaceChildren(
        ...countTable(L('Meest gezocht', 'Top queries'), L('Zoekvraag', 'Query'), s?.top_queries, 'query'),
        ...countTable(L('Zoekvragen zonder resultaat', 'Queries without results'), L('Zoekvraag', 'Query'), s?.zero_result_queries, 'query'),
        ...countTable(L('Zoekvragen per thema', 'Queries per theme'), L('Thema', 'Theme'), s?.queries_per_theme, 'theme'),
        ...countTable(L('Herkomst (sites met de widget)', 'Origins (sites with the widget)'), L('Herkomst', 'Origin'), s?.origins, 'origin'));
      setStatus(L(`Vraagrapport over ${period} dagen geladen.`, `Demand report for ${period} days loaded.`));
    } catch (error) {
      if (error.status !== 401) setStatus(problemText(error), 'fail');
    }
  };
  show(L('Vraagrapport', 'Demand report'), nav(['#/', L('Terug naar de lijst', 'Back to the list')]),
    h('p', {}, L('Waar zoeken mensen naar, en wat vinden ze niet? Zonder persoonsgegevens.', 'What do people search for, and what do they not find? No personal data.')),
    picker, holder);
  await load(days);
}

if (app) {
  window.addEventListener('hashchange', route);
  route();
  if (!TAXONOMY) setStatus(L('De thema\'s en keuzelijsten konden niet worden geladen. Herlaad de pagina.', 'The themes and choice lists could not be loaded. Please reload the page.'), 'fail');
}
