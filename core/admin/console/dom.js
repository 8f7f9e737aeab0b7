// Building the page from data without innerHTML: text is always text (no markup injection from
// a message's error or a certificate's subject), and no inline style (the CSP forbids it).
import { locale, t } from './i18n.js';

/** h('a', {href: '#/x', class: 'y'}, 'text', child, ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small line of the last values (no axes): how a number moved over the last minutes. */
export function sparkline(values, width = 90, height = 22) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('class', 'spark');
  svg.setAttribute('aria-hidden', 'true');
  if (values.length > 1) {
    const max = Math.max(...values, 1e-9);
    const step = width / (values.length - 1);
    const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.append(line);
  }
  return svg;
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'medium' });
}

export function number(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function millis(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const ms = seconds * 1000;
  return ms < 1000 ? `${number(ms, ms < 10 ? 1 : 0)} ms` : `${number(seconds, 2)} s`;
}

export function age(seconds) {
  if (!seconds) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${number(seconds / 3600, 1)} h`;
  return `${number(seconds / 86400, 1)} d`;
}

export function money(amount) {
  if (typeof amount !== 'number') return '';
  return amount.toLocaleString(locale(), { style: 'currency', currency: 'VND' });
}

export function stateBadge(state) {
  return h('span', { class: `badge state-${state}` }, t(`state.${state}`));
}

/** A message that a problem answer (RFC 9457) or any other failure gives the operator. */
export function problemText(err) {
  const detail = err?.problem?.detail ?? err?.message ?? String(err);
  if (err?.status === 401 || err?.status === 403 || err?.status === 409 || err?.status === 429) {
    return t('common.refused', { status: err.status, detail });
  }
  return t('common.error', { detail });
}

export function notice(kind, ...children) {
  return h('div', { class: `notice ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, ...children);
}
