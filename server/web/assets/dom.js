// Shared by widget.js and curate.js. The build puts this file in front of
// each of them (cmake/EmbedText.cmake), so each is still one file to load
// and the helpers exist once in the sources. Plain script, no imports.

// Creates an element; string children become text nodes (never parsed as
// HTML). `on…` attributes add listeners; `value` sets the property (what a
// form field shows); true is an empty attribute; false, null and undefined
// leave it out.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// A failed API call: the HTTP status (0: the server could not be reached)
// and the problem document it answered (RFC 9457), {} when there was none.
class ApiError extends Error {
  constructor(status, problem) {
    const details = problem && typeof problem === 'object' ? problem : {};
    super(typeof details.title === 'string' && details.title ? details.title : `HTTP ${status}`);
    this.status = status;
    this.problem = details;
  }
}
