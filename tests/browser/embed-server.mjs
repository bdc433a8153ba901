// A second origin for the cross-origin widget test: a tiny static server on
// 127.0.0.1 (port 0 = any free port) that serves one page embedding the
// <kb-search> widget from the knowledge base at KB_URL (at /preset with preset
// attributes from the query).
// Usage: KB_URL=http://127.0.0.1:PORT node embed-server.mjs
// Prints "embed-server: listening on http://127.0.0.1:PORT/" once ready.
import http from 'node:http';

const kb = (process.env.KB_URL || '').replace(/\/+$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(kb)) {
  console.error('embed-server: KB_URL must be http://127.0.0.1:PORT');
  process.exit(2);
}

// /preset?province=…&reused-in=…: the widget with preset attributes taken from
// the query (only these names, only slug-like values, so nothing is injected).
const PRESETS = ['theme', 'municipality', 'province', 'reused-in', 'lang'];
function presetAttributes(searchParams) {
  let out = '';
  for (const name of PRESETS) {
    const value = searchParams.get(name);
    if (value !== null && /^[a-z0-9,-]*$/.test(value)) out += ` ${name}="${value}"`;
  }
  if (searchParams.has('filters-editable')) out += ' filters-editable';
  return out;
}

const pageWith = (attributes) => `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gemeente Voorbeeld — zoek in de Kennisbank Smart Society</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; color: #1a1a1a; background: #ffffff; }
  header, main, footer { padding: 1rem 2rem; }
  header { background: #00689e; color: #ffffff; }
  header p { margin: 0; font-weight: 700; font-size: 1.25rem; }
  footer { border-top: 1px solid #d0d5dd; color: #4b5563; }
</style>
</head>
<body>
<header><p>Gemeente Voorbeeld</p></header>
<main>
<h1>Oplossingen van andere gemeenten</h1>
<script type="module" src="${kb}/widget.js"></script><kb-search api="${kb}"${attributes}></kb-search>
</main>
<footer><p>Een testpagina op een andere origin dan de kennisbank.</p></footer>
</body>
</html>
`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && (path === '/' || path === '/index.html' || path === '/preset')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(pageWith(path === '/preset' ? presetAttributes(url.searchParams) : ''));
  } else if (req.method === 'GET' && path === '/favicon.ico') {
    res.writeHead(204);
    res.end();
  } else {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }
});

server.listen(0, '127.0.0.1', () => {
  console.log(`embed-server: listening on http://127.0.0.1:${server.address().port}/`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
