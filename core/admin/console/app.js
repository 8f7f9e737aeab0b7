// The console: hash routes (#/overview, #/messages, #/messages/ID, ...) in one page, the signed-in
// operator, the language switch. Each page module renders into <main> and may return a function
// that stops what it started (timers) when another page opens.
import { del, get, whenSignedOut } from './api.js';
import { clear, h } from './dom.js';
import { language, setLanguage, t } from './i18n.js';
import * as certificates from './pages/certificates.js';
import * as configPage from './pages/config.js';
import * as dead from './pages/dead.js';
import * as message from './pages/message.js';
import * as messages from './pages/messages.js';
import * as overview from './pages/overview.js';
import * as payments from './pages/payments.js';
import * as signin from './pages/signin.js';
import { currentSession, onSessionChange, setSession } from './session.js';

const pages = [
  { path: 'overview', module: overview, nav: 'nav.overview' },
  { path: 'messages', module: messages, nav: 'nav.messages' },
  { path: 'dead', module: dead, nav: 'nav.dead' },
  { path: 'payments', module: payments, nav: 'nav.payments' },
  { path: 'certificates', module: certificates, nav: 'nav.certificates' },
  { path: 'config', module: configPage, nav: 'nav.config' },
];

let signInNotice = null;

async function loadSession() {
  try {
    setSession(await get('/admin/session'));
  } catch {
    setSession(null);  // 401: nobody signed in (or the session expired)
  }
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, q = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(q) };
}

function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

let stop = null;

function route() {
  if (typeof stop === 'function') stop();
  stop = null;
  const view = document.getElementById('view');
  const { parts, params } = parseHash();
  if (!currentSession()) {
    renderHeader();
    const then = parts.length && parts[0] !== 'signin' ? location.hash : '#/overview';
    stop = signin.render(view, { notice: signInNotice, done: () => go(then) });
    signInNotice = null;
    return;
  }
  let name = parts[0] || 'overview';
  if (name === 'signin') {
    location.replace('#/overview');
    return;
  }
  let page = pages.find((p) => p.path === name);
  let args = { params };
  if (name === 'messages' && parts[1]) {
    page = { path: 'messages', module: message };
    args = { id: parts[1], params };
  }
  if (!page) {
    name = 'overview';
    page = pages[0];
  }
  renderHeader(name);
  clear(view);
  stop = page.module.render(view, args);
}

function renderHeader(active = parseHash().parts[0] || 'overview') {
  const nav = document.getElementById('nav');
  clear(
    nav,
    currentSession()
      ? pages.map((p) =>
          h('a', { href: `#/${p.path}`, class: p.path === active ? 'active' : undefined, 'aria-current': p.path === active ? 'page' : undefined }, t(p.nav)),
        )
      : [],
  );
  const who = document.getElementById('who');
  const out = document.getElementById('sign-out');
  const s = currentSession();
  if (!s) {
    clear(who);
    out.hidden = true;
  } else {
    clear(who, t('who.signed_in_as', { name: s.name }), ' ', h('span', { class: `badge role-${s.role}` }, t(`role.${s.role}`)));
    out.hidden = false;
    out.textContent = t('who.sign_out');
  }
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.classList.toggle('active', b.dataset.lang === document.documentElement.lang);
  }
}

async function signOut() {
  try {
    await del('/admin/session');
  } catch {
    // signed out either way: the cookie's session is gone or was already
  }
  setSession(null);
  go('#/signin');
}

whenSignedOut(() => {
  if (!currentSession()) return;
  signInNotice = t('signin.expired');
  setSession(null);
  route();
});

onSessionChange(() => renderHeader());

async function start() {
  setLanguage(language());
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      setLanguage(b.dataset.lang);
      route();
    });
  }
  document.getElementById('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  await loadSession();
  route();
}

start();
