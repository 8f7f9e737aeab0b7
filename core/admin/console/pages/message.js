// One message: its state, the attempts' timeline (attempts_log), last error, result, and
// Replay for a dead one (POST /admin/queue/messages/{id}/replay, operators only).
import { ApiError, get, post } from '../api.js';
import { clear, h, notice, problemText, stateBadge, time } from '../dom.js';
import { t } from '../i18n.js';
import { canOperate } from '../session.js';

export function render(view, { id }) {
  const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  clear(view, h('p', {}, h('a', { href: '#/messages', class: 'back' }, t('common.back'))), h('h1', { class: 'mono-title' }, t('message.title', { id })), body);
  let timer = null;
  let stopped = false;
  const load = async () => {
    try {
      const m = await get(`/admin/queue/messages/${encodeURIComponent(id)}`);
      if (stopped) return;
      draw(body, m, load);
      // Unfinished messages move on their own: look again until they end.
      if (!['delivered', 'dead'].includes(m.state)) timer = setTimeout(load, 2000);
    } catch (err) {
      if (stopped) return;
      const text = err instanceof ApiError && err.status === 404 ? t('message.not_found', { id }) : problemText(err);
      clear(body, notice('bad', text));
    }
  };
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function draw(body, m, reload) {
  const facts = [
    ['messages.state', stateBadge(m.state)],
    ['messages.connector', m.connector],
    ['messages.operation', m.operation],
    ['message.client', m.client],
    ['messages.accepted_at', time(m.accepted_at)],
    ['messages.attempts', String(m.attempts)],
    ['message.ordering_key', m.ordering_key],
    ['message.next_attempt_at', m.next_attempt_at && time(m.next_attempt_at)],
    ['message.waiting_behind', m.waiting_behind && h('a', { href: `#/messages/${encodeURIComponent(m.waiting_behind)}`, class: 'mono' }, m.waiting_behind)],
    ['message.waiting_for', m.waiting_for],
    ['message.finished_at', m.finished_at && time(m.finished_at)],
    ['messages.last_error', m.last_error],
    ['message.dead_reason', m.dead_reason],
    ['message.traceparent', m.traceparent && h('span', { class: 'mono' }, m.traceparent)],
  ].filter(([, v]) => v);
  const result = h('div', { class: 'replay-result', id: 'replay-result' });
  const replay = h(
    'button',
    {
      type: 'button',
      id: 'replay',
      class: 'primary',
      disabled: m.state !== 'dead' || !canOperate(),
      title: canOperate() ? undefined : t('common.operators_only'),
    },
    t('message.replay'),
  );
  replay.addEventListener('click', async () => {
    if (!confirm(t('message.replay_confirm', { id: m.id }))) return;
    replay.disabled = true;
    try {
      await post(`/admin/queue/messages/${encodeURIComponent(m.id)}/replay`);
      result.replaceChildren(notice('good', t('message.replayed')));
      setTimeout(reload, 500);
    } catch (err) {
      result.replaceChildren(notice('bad', problemText(err)));
      replay.disabled = false;
    }
  });
  clear(
    body,
    h('div', { class: 'split' },
      h('dl', { class: 'facts card', id: 'message-facts', 'data-state': m.state }, facts.map(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
      h('div', { class: 'card actions-card' }, replay, !canOperate() ? h('p', { class: 'muted small' }, t('common.operators_only')) : null, result),
    ),
    h('h2', {}, t('message.timeline')),
    timeline(m.attempts_log ?? []),
    m.result !== undefined ? [h('h2', {}, t('message.result')), h('pre', { class: 'json', id: 'message-result' }, pretty(m.result))] : null,
  );
}

function timeline(attempts) {
  if (!attempts.length) return h('p', { class: 'muted' }, t('message.no_attempts'));
  const longest = Math.max(...attempts.map((a) => a.duration_ms ?? 0), 1);
  return h(
    'table',
    { class: 'grid timeline', id: 'attempts' },
    h('thead', {}, h('tr', {}, ['attempt', 'started_at', 'duration', 'far_status', 'error_class', 'outcome', 'detail', 'node'].map((k) => h('th', { scope: 'col' }, t(`message.${k}`))))),
    h(
      'tbody',
      {},
      attempts.map((a) => {
        const bar = h('span', { class: `bar outcome-${a.outcome}` });
        bar.style.width = `${Math.max(2, Math.round(((a.duration_ms ?? 0) / longest) * 100))}%`;  // CSSOM: allowed by the CSP
        return h(
          'tr',
          { 'data-outcome': a.outcome },
          h('td', { class: 'num' }, a.attempt),
          h('td', {}, time(a.started_at ?? a.ended_at)),
          h('td', { class: 'duration' }, h('span', { class: 'bar-track' }, bar), a.duration_ms !== undefined ? ` ${a.duration_ms} ms` : ' —'),
          h('td', { class: 'num' }, a.far_status ?? '—'),
          h('td', {}, a.error_class ?? ''),
          h('td', {}, stateBadge(a.outcome)),
          h('td', { class: 'clip', title: a.detail }, a.detail),
          h('td', { class: 'mono small' }, a.node),
        );
      }),
    ),
  );
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
