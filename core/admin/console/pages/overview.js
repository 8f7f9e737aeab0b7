// Overview per connector, live: GET /metrics every few seconds; rates and latency quantiles
// from the difference between the oldest and newest scrape of the last minute (metrics.js).
import { get } from '../api.js';
import { age, clear, h, millis, notice, number, problemText, sparkline } from '../dom.js';
import { locale, t } from '../i18n.js';
import { MetricsWindow, parseMetrics, sum } from '../metrics.js';

const REFRESH_MS = 5000;
const WINDOW_MS = 60_000;
// One window across page changes, so coming back to the overview shows rates at once.
const window_ = new MetricsWindow(WINDOW_MS);

const CIRCUIT = { 0: 'closed', 1: 'open', 2: 'half_open' };
const NUMERIC = new Set(['requests', 'errors', 'p50', 'p99', 'rate_limited', 'queue', 'oldest', 'dead']);

export function render(view) {
  const cards = h('div', { class: 'cards' });
  const table = h('div', { class: 'table-wrap' });
  const status = h('p', { class: 'muted updated', id: 'overview-updated' });
  clear(
    view,
    h('h1', {}, t('overview.title')),
    h('p', { class: 'hint' }, t('overview.hint', { seconds: REFRESH_MS / 1000, window: WINDOW_MS / 1000 })),
    cards,
    table,
    status,
  );
  let timer = null;
  let stopped = false;
  const tick = async () => {
    try {
      const text = await get('/metrics');
      if (stopped) return;
      window_.add(Date.now(), parseMetrics(text));
      draw(cards, table);
      status.textContent = t('common.updated', { time: new Date().toLocaleTimeString(locale()) });
      status.dataset.scrapes = String(window_.scrapes.length);
    } catch (err) {
      if (!stopped) status.replaceChildren(notice('bad', problemText(err)));
    }
    if (!stopped) timer = setTimeout(tick, window_.scrapes.length < 2 ? 1000 : REFRESH_MS);
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function draw(cards, table) {
  const connectors = window_.connectors();
  const stats = connectors.map((c) => window_.stats(c));
  const total = (k) => (stats.some((s) => s[k] === null) ? null : stats.reduce((a, s) => a + (s[k] ?? 0), 0));
  const latest = window_.latest();
  const storeUp = sum(latest, 'lienthong_store_up') === 1;
  clear(
    cards,
    card(t('overview.total_requests'), rate(total('requestsPerMinute')), 'total-requests'),
    card(t('overview.total_errors'), rate(total('errorsPerMinute')), 'total-errors', total('errorsPerMinute') > 0 ? 'bad' : ''),
    card(t('overview.total_queue'), number(total('queue'), 0), 'total-queue'),
    card(t('overview.dead'), number(total('dead'), 0), 'total-dead', total('dead') > 0 ? 'warn' : ''),
    card(t('overview.store'), storeUp ? t('overview.store_up') : t('overview.store_down'), 'store', storeUp ? 'good' : 'bad'),
  );
  const head = ['connector', 'requests', 'errors', 'p50', 'p99', 'circuit', 'rate_limited', 'queue', 'oldest', 'dead', 'trend'];
  clear(
    table,
    h(
      'table',
      { class: 'grid', id: 'overview-table' },
      h('thead', {}, h('tr', {}, head.map((k) => h('th', { scope: 'col', class: NUMERIC.has(k) ? 'num' : undefined }, t(`overview.${k}`))))),
      h(
        'tbody',
        {},
        stats.map((s) =>
          h(
            'tr',
            { 'data-connector': s.connector },
            h('th', { scope: 'row' }, h('a', { href: `#/messages?connector=${encodeURIComponent(s.connector)}` }, s.connector)),
            h('td', { class: 'num', 'data-k': 'requests' }, rate(s.requestsPerMinute)),
            h('td', { class: `num ${s.errorsPerMinute > 0 ? 'bad' : ''}`, 'data-k': 'errors' }, rate(s.errorsPerMinute)),
            h('td', { class: 'num', 'data-k': 'p50' }, millis(s.p50)),
            h('td', { class: 'num', 'data-k': 'p99' }, millis(s.p99)),
            h('td', { 'data-k': 'circuit' }, circuit(s.circuit)),
            h('td', { class: 'num', 'data-k': 'rate_limited' }, number(s.rateLimited, 0),
              s.rateLimitedPerMinute ? h('span', { class: 'muted' }, ` (${number(s.rateLimitedPerMinute)}/min)`) : null),
            h('td', { class: 'num', 'data-k': 'queue' }, number(s.queue, 0)),
            h('td', { class: 'num', 'data-k': 'oldest' }, age(s.oldestSeconds)),
            h('td', { class: `num ${s.dead > 0 ? 'warn' : ''}`, 'data-k': 'dead' },
              s.dead > 0 ? h('a', { href: `#/dead` }, number(s.dead, 0)) : '0'),
            h('td', {}, sparkline(s.trend)),
          ),
        ),
      ),
    ),
  );
}

function rate(v) {
  return v === null ? h('span', { class: 'muted' }, t('overview.warming')) : number(v);
}

function card(label, value, id, kind = '') {
  return h('div', { class: `card stat ${kind}`, id: `card-${id}` }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

function circuit(state) {
  if (state === null) return '—';
  const name = CIRCUIT[state] ?? 'closed';
  return h('span', { class: `badge circuit-${name}` }, t(`circuit.${name}`));
}
