// Payments by state: counts per state from /metrics (lienthong_payments), the records from
// GET /admin/records/payment[?state=], a record's history on click.
import { get, query } from '../api.js';
import { clear, h, money, notice, problemText, time } from '../dom.js';
import { t } from '../i18n.js';
import { parseMetrics } from '../metrics.js';

export function render(view, { params }) {
  const state = params.get('state') ?? '';
  const tabs = h('nav', { class: 'tabs', id: 'payment-states' });
  const list = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, t('common.loading')));
  const detail = h('div', { id: 'payment-detail' });
  clear(view, h('h1', {}, t('payments.title')), tabs, list, detail);

  get('/metrics')
    .then((text) => {
      const counts = parseMetrics(text).filter((s) => s.name === 'lienthong_payments');
      const total = counts.reduce((a, s) => a + s.value, 0);
      clear(
        tabs,
        h('a', { href: '#/payments', class: state === '' ? 'active' : undefined }, `${t('common.all')} (${total})`),
        counts
          .sort((a, b) => a.labels.state.localeCompare(b.labels.state))
          .map((s) => h('a', { href: `#/payments${query({ state: s.labels.state })}`, class: state === s.labels.state ? 'active' : undefined, 'data-state': s.labels.state }, `${s.labels.state} (${s.value})`)),
      );
    })
    .catch(() => clear(tabs));

  get(`/admin/records/payment${query({ state, limit: 200 })}`)
    .then((answer) => {
      if (!answer.records.length) {
        clear(list, h('p', { class: 'muted empty' }, t('payments.empty')));
        return;
      }
      clear(
        list,
        h(
          'table',
          { class: 'grid', id: 'payments-table' },
          h('thead', {}, h('tr', {}, ['id', 'state', 'amount', 'dossier', 'created_at', 'updated_at', 'paid_at'].map((k) => h('th', { scope: 'col' }, t(`payments.${k}`))))),
          h(
            'tbody',
            {},
            answer.records.map((r) => {
              const link = h('a', { href: '#', class: 'mono' }, r.id);
              link.addEventListener('click', (e) => {
                e.preventDefault();
                history_(detail, r.id);
              });
              return h(
                'tr',
                { 'data-id': r.id },
                h('td', {}, link),
                h('td', {}, h('span', { class: `badge pay-${r.state}` }, r.state)),
                h('td', { class: 'num' }, money(r.data?.amount)),
                h('td', { class: 'mono' }, r.data?.dossierCode ?? ''),
                h('td', {}, time(r.created_at)),
                h('td', {}, time(r.updated_at)),
                h('td', {}, time(r.data?.paidAt)),
              );
            }),
          ),
        ),
      );
    })
    .catch((err) => clear(list, notice('bad', problemText(err))));
}

async function history_(detail, id) {
  try {
    const r = await get(`/admin/records/payment/${encodeURIComponent(id)}`);
    clear(
      detail,
      h('h2', {}, `${t('payments.history')}: `, h('span', { class: 'mono' }, id)),
      h(
        'table',
        { class: 'grid' },
        h('tbody', {}, (r.history ?? []).map((e) => h('tr', {}, h('td', {}, time(e.at)), h('td', {}, `${e.from ?? '∅'} → ${e.to}`), h('td', {}, e.cause), h('td', { class: 'clip' }, e.detail ?? '')))),
      ),
    );
  } catch (err) {
    clear(detail, notice('bad', problemText(err)));
  }
}
