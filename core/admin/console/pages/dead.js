// Dead letters: per connector, how many and a bulk replay (POST /admin/queue/replay-dead);
// purge of those older than an age (POST /admin/queue/purge-dead); the list itself.
import { get, post, query } from '../api.js';
import { clear, h, notice, problemText, time } from '../dom.js';
import { t } from '../i18n.js';
import { canOperate } from '../session.js';
import { messageTable } from './messages.js';

export function render(view) {
  const result = h('div', { id: 'dead-result' });
  const groups = h('div', { class: 'groups', id: 'dead-groups' }, h('p', { class: 'muted' }, t('common.loading')));
  const list = h('div', { class: 'table-wrap' });
  const age = h('select', { id: 'purge-age', name: 'older_than' }, ['1h', '1d', '7d', '30d', '90d'].map((v) => h('option', { value: v, selected: v === '7d' }, v)));
  const purge = h(
    'form',
    { class: 'purge', id: 'purge-form' },
    h('label', { for: 'purge-age' }, t('dead.purge')),
    age,
    h('button', { type: 'submit', class: 'danger', disabled: !canOperate(), title: canOperate() ? undefined : t('common.operators_only') }, t('dead.purge_go')),
  );
  purge.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!confirm(t('dead.purge_confirm', { age: age.value }))) return;
    try {
      const r = await post(`/admin/queue/purge-dead${query({ older_than: age.value })}`);
      result.replaceChildren(notice('good', t('dead.purged', { n: r.removed, before: time(r.died_before) })));
      load();
    } catch (err) {
      result.replaceChildren(notice('bad', problemText(err)));
    }
  });
  clear(view, h('h1', {}, t('dead.title')), h('p', { class: 'hint' }, t('dead.hint')), result, groups, purge, list);

  const load = async () => {
    try {
      const answer = await get('/admin/queue/messages?state=dead&limit=1000');
      const byConnector = new Map();
      for (const m of answer.messages) byConnector.set(m.connector, (byConnector.get(m.connector) ?? 0) + 1);
      if (!answer.messages.length) {
        clear(groups, h('p', { class: 'muted empty' }, t('dead.none')));
        clear(list);
        return;
      }
      clear(groups, [...byConnector.entries()].sort().map(([connector, n]) => group(connector, n, result, load)));
      clear(list, messageTable(answer.messages));
    } catch (err) {
      clear(groups, notice('bad', problemText(err)));
    }
  };
  load();
}

function group(connector, n, result, reload) {
  const button = h(
    'button',
    { type: 'button', class: 'primary', 'data-connector': connector, disabled: !canOperate(), title: canOperate() ? undefined : t('common.operators_only') },
    t('dead.replay_all', { connector }),
  );
  button.addEventListener('click', async () => {
    if (!confirm(t('dead.replay_all_confirm', { connector }))) return;
    button.disabled = true;
    try {
      const r = await post(`/admin/queue/replay-dead${query({ connector })}`);
      result.replaceChildren(notice('good', t('dead.replayed', { n: r.replayed, connector })));
      reload();
    } catch (err) {
      result.replaceChildren(notice('bad', problemText(err)));
      button.disabled = false;
    }
  });
  return h('div', { class: 'card group' }, h('div', { class: 'group-name' }, connector), h('div', { class: 'group-count' }, t('dead.count', { n })), button);
}
