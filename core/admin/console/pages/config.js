// The running configuration, secrets masked (GET /admin/config), and Reload (POST
// /admin/reload, operators only): what changed and the files' checksum, or every error.
import { ApiError, post } from '../api.js';
import { clear, h, notice, problemText } from '../dom.js';
import { t } from '../i18n.js';
import { canOperate } from '../session.js';
import { runningConfig } from './shared.js';

export function render(view) {
  const result = h('div', { id: 'reload-result' });
  const reload = h('button', { type: 'button', id: 'reload', class: 'primary', disabled: !canOperate(), title: canOperate() ? undefined : t('common.operators_only') }, t('config.reload'));
  reload.addEventListener('click', async () => {
    if (!confirm(t('config.reload_confirm'))) return;
    reload.disabled = true;
    try {
      const r = await post('/admin/reload');
      const changed = r.changed?.length ? r.changed.join(', ') : t('config.reload_unchanged');
      result.replaceChildren(notice('good', t('config.reloaded', { changed, checksum: r.checksum ?? '' })));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        result.replaceChildren(notice('warn', t('config.reload_missing')));
      } else if (err instanceof ApiError && err.problem?.errors?.length) {
        result.replaceChildren(
          notice('bad', t('config.reload_refused'), h('ul', { class: 'errors' }, err.problem.errors.map((e) => h('li', {}, h('span', { class: 'mono' }, e.pointer), ': ', e.reason)))),
        );
      } else {
        result.replaceChildren(notice('bad', problemText(err)));
      }
    } finally {
      reload.disabled = !canOperate();
    }
  });
  const tree = h('div', { id: 'config-tree' }, h('p', { class: 'muted' }, t('common.loading')));
  clear(view, h('div', { class: 'title-row' }, h('h1', {}, t('config.title')), reload), h('p', { class: 'hint' }, t('config.hint')), result, tree);
  runningConfig()
    .then((c) => {
      const { connectors, ...hub } = c;
      const entries = Object.entries(hub);
      const scalars = Object.fromEntries(entries.filter(([, v]) => v === null || typeof v !== 'object'));
      clear(
        tree,
        section('hub.json', scalars, true),
        entries.filter(([, v]) => v !== null && typeof v === 'object').map(([k, v]) => section(k, v, k === 'listen' || k === 'admin' || k === 'store')),
        h('h2', {}, t('config.connectors')),
        Object.entries(connectors ?? {}).map(([k, v]) => section(k, v, false)),
      );
    })
    .catch((err) => clear(tree, notice('bad', problemText(err))));
}

function section(key, value, open) {
  if (value === null || typeof value !== 'object') {
    return h('div', { class: 'kv' }, h('span', { class: 'key' }, key), ': ', leaf(value));
  }
  return h('details', { class: 'section', open }, h('summary', {}, key), node(value));
}

function node(value) {
  if (Array.isArray(value)) {
    if (!value.length) return h('span', { class: 'muted' }, '[]');
    return h('ol', { class: 'tree' }, value.map((v) => h('li', {}, v !== null && typeof v === 'object' ? node(v) : leaf(v))));
  }
  const entries = Object.entries(value);
  if (!entries.length) return h('span', { class: 'muted' }, '{}');
  return h('ul', { class: 'tree' }, entries.map(([k, v]) => h('li', {}, h('span', { class: 'key' }, k), ': ', v !== null && typeof v === 'object' ? node(v) : leaf(v))));
}

function leaf(v) {
  if (v === '***') return h('span', { class: 'secret', title: 'masked' }, '***');
  if (typeof v === 'string') return h('span', { class: 'str' }, v === '' ? '""' : v);
  return h('span', { class: `lit ${typeof v}` }, String(v));
}
