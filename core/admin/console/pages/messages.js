// Messages of the durable queue: filter by connector, operation, state and acceptance time,
// pages newest first (GET /admin/queue/messages), and find one by its id.
import { get, query } from '../api.js';
import { clear, h, notice, problemText, stateBadge, time } from '../dom.js';
import { t } from '../i18n.js';
import { connectorOperations } from './shared.js';

const STATES = ['queued', 'in_flight', 'retrying', 'delivered', 'dead'];

export function render(view, { params }) {
  const filter = Object.fromEntries(['connector', 'operation', 'state', 'since', 'until', 'before'].map((k) => [k, params.get(k) ?? '']));
  const list = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, t('common.loading')));
  const form = h('form', { class: 'filters', id: 'messages-filter' });
  const search = h(
    'form',
    { class: 'search', id: 'messages-search' },
    h('label', { for: 'search-id' }, t('messages.search')),
    h('input', { id: 'search-id', name: 'id', placeholder: '0190…', autocomplete: 'off', spellcheck: 'false' }),
    h('button', { type: 'submit' }, t('messages.search_go')),
  );
  search.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = search.elements.id.value.trim();
    if (id) location.hash = `#/messages/${encodeURIComponent(id)}`;
  });
  clear(view, h('h1', {}, t('messages.title')), search, form, list);

  connectorOperations().then((ops) => drawForm(form, filter, ops)).catch(() => drawForm(form, filter, {}));
  load(list, filter);
}

function drawForm(form, filter, ops) {
  const connector = select('connector', [''].concat(Object.keys(ops)), filter.connector, (v) => v || t('common.all'));
  const operation = select('operation', [''], filter.operation, (v) => v || t('common.all'));
  const fillOperations = () => {
    const names = connector.value ? ops[connector.value] ?? [] : [...new Set(Object.values(ops).flat())].sort();
    operation.replaceChildren(...[''].concat(names).map((v) => h('option', { value: v, selected: v === filter.operation }, v || t('common.all'))));
  };
  fillOperations();
  connector.addEventListener('change', fillOperations);
  const state = select('state', [''].concat(STATES), filter.state, (v) => (v ? t(`state.${v}`) : t('common.all')));
  const since = h('input', { type: 'datetime-local', id: 'f-since', name: 'since', value: toLocalInput(filter.since) });
  const until = h('input', { type: 'datetime-local', id: 'f-until', name: 'until', value: toLocalInput(filter.until) });
  clear(
    form,
    field('f-connector', t('messages.connector'), connector),
    field('f-operation', t('messages.operation'), operation),
    field('f-state', t('messages.state'), state),
    field('f-since', t('messages.since'), since),
    field('f-until', t('messages.until'), until),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('common.apply')), h('a', { href: '#/messages', class: 'button' }, t('common.clear'))),
  );
  form.onsubmit = (e) => {
    e.preventDefault();
    location.hash = `#/messages${query({
      connector: connector.value,
      operation: operation.value,
      state: state.value,
      since: fromLocalInput(since.value),
      until: fromLocalInput(until.value),
    })}`;
  };
}

async function load(list, filter) {
  try {
    const answer = await get(`/admin/queue/messages${query({ ...filter, limit: 50 })}`);
    const rows = answer.messages;
    if (!rows.length) {
      clear(list, h('p', { class: 'muted empty' }, t('messages.empty')));
      return;
    }
    const pager = h('div', { class: 'pager' });
    if (filter.before) pager.append(h('a', { href: `#/messages${query({ ...filter, before: '' })}`, class: 'button' }, t('common.newest')));
    if (answer.next_before) pager.append(h('a', { href: `#/messages${query({ ...filter, before: answer.next_before })}`, class: 'button' }, t('common.older')));
    clear(list, messageTable(rows), pager);
  } catch (err) {
    clear(list, notice('bad', problemText(err)));
  }
}

export function messageTable(rows) {
  return h(
    'table',
    { class: 'grid', id: 'messages-table' },
    h(
      'thead',
      {},
      h('tr', {}, ['id', 'connector', 'operation', 'state', 'attempts', 'accepted_at', 'last_error'].map((k) => h('th', { scope: 'col' }, t(`messages.${k}`)))),
    ),
    h(
      'tbody',
      {},
      rows.map((m) =>
        h(
          'tr',
          { 'data-id': m.id, 'data-state': m.state },
          h('td', { class: 'mono' }, h('a', { href: `#/messages/${encodeURIComponent(m.id)}` }, m.id)),
          h('td', {}, m.connector),
          h('td', {}, m.operation),
          h('td', {}, stateBadge(m.state)),
          h('td', { class: 'num' }, m.attempts),
          h('td', {}, time(m.accepted_at)),
          h('td', { class: 'clip', title: m.last_error ?? m.dead_reason ?? '' }, m.last_error ?? m.dead_reason ?? ''),
        ),
      ),
    ),
  );
}

function select(name, values, selected, label) {
  return h('select', { id: `f-${name}`, name }, values.map((v) => h('option', { value: v, selected: v === selected }, label(v))));
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

// <input type=datetime-local> speaks the browser's local time without a zone; the API takes
// RFC 3339 with one.
function fromLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
