// Sign-in: POST /admin/session {name, password}; the hub sets an HttpOnly cookie and answers
// the session (role, CSRF token). 401: wrong name or password; 429: too many tries.
import { ApiError, post } from '../api.js';
import { h, notice, problemText } from '../dom.js';
import { t } from '../i18n.js';
import { setSession } from '../session.js';

export function render(view, { notice: text, done }) {
  const name = h('input', { id: 'signin-name', name: 'name', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { class: 'signin-message' }, text ? notice('warn', text) : null);
  const submit = h('button', { type: 'submit', class: 'primary' }, t('signin.submit'));
  const form = h(
    'form',
    { class: 'signin card', id: 'signin-form' },
    h('h1', {}, t('signin.title')),
    h('label', { for: 'signin-name' }, t('signin.name')),
    name,
    h('label', { for: 'signin-password' }, t('signin.password')),
    password,
    message,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    message.replaceChildren();
    try {
      const session = await post('/admin/session', { name: name.value, password: password.value });
      password.value = '';
      setSession(session);
      done();
    } catch (err) {
      let text = problemText(err);
      if (err instanceof ApiError && err.status === 401) text = t('signin.bad');
      if (err instanceof ApiError && err.status === 429) text = t('signin.throttled', { seconds: err.retryAfter ?? '60' });
      message.replaceChildren(notice('bad', text));
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  view.replaceChildren(form);
  name.focus();
}
