// The operators' console in a real browser (issue 13, "See the hub"): Debian's chromium, driven
// by puppeteer-core, against `lienthong serve` with the sandbox in-process on free ports.
//
//   node tests/browser/console_test.mjs --binary build/debug/lienthong --deps <dir with
//        node_modules/puppeteer-core> --out build/debug/console-screenshots
//
// Exit 0 passed, 1 failed, 77 skipped (only when no chromium is installed). README.md here says
// what it proves.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? path.join(here, '../..'));
const binary = path.resolve(args.binary ?? path.join(source, 'build/debug/lienthong'));
const deps = path.resolve(args.deps ?? here);
const out = path.resolve(args.out ?? path.join(source, 'build/debug/console-screenshots'));
// LT_CHROMIUM names another build (its absence skips like a missing chromium).
const chromiumPath = [process.env.LT_CHROMIUM ?? '/usr/bin/chromium'].find((p) => p && fs.existsSync(p));

const API_KEY = 'browser-test-key';
const PASSWORD = { viewer: 'viewer-password-0001', operator: 'operator-password-0001' };
const started = Date.now();
const cleanups = [];
let step = 'start';

function parseArgs(list) {
  const o = {};
  for (let i = 0; i < list.length; i += 2) o[list[i].replace(/^--/, '')] = list[i + 1];
  return o;
}

function log(text) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
}

function check(condition, what) {
  if (!condition) throw new Error(`${step}: ${what}`);
}

async function until(what, fn, timeoutMs = 15000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${step}: timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// ---- configuration: the shipped files, made absolute, on free ports ------------------------

function stripComments(text) {
  let outText = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      outText += c;
      if (c === '\\') outText += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      outText += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      outText += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
    } else {
      outText += c;
    }
  }
  return outText;
}

// Every "../x" string of a file in `dir` made absolute, as the hub would resolve it there.
function absolutePaths(value, dir) {
  if (typeof value === 'string') return value.startsWith('../') ? path.resolve(dir, value) : value;
  if (Array.isArray(value)) return value.map((v) => absolutePaths(v, dir));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absolutePaths(v, dir)]));
  return value;
}

function readShipped(rel) {
  const file = path.join(source, 'config', rel);
  return absolutePaths(JSON.parse(stripComments(fs.readFileSync(file, 'utf8'))), path.dirname(file));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function writeConfig(dir) {
  const ports = {};
  for (const id of ['dvcqg', 'dkdn', 'dancu', 'paygov', 'motcua']) ports[id] = await freePort();
  fs.mkdirSync(path.join(dir, 'config/connectors'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'var'), { recursive: true });
  const hub = readShipped('hub.json');
  hub.listen = { host: '127.0.0.1', port: 0 };
  hub.admin = { host: '127.0.0.1', port: 0, console_dir: path.join(source, 'core/admin/console') };
  hub.log_level = 'warn';
  hub.var_dir = path.join(dir, 'var');
  hub.connectors_dir = 'connectors';
  hub.clients = [
    { name: 'browser-test', api_key_sha256: createHash('sha256').update(API_KEY).digest('hex'), allow: ['*'], allow_inbound: ['*'] },
    ...hub.clients.filter((c) => c.name === 'paygov-platform'),
  ];
  hub.store = { type: 'sqlite', path: path.join(dir, 'var/lienthong.db') };
  hub.provincial_targets.motcua.url = `http://127.0.0.1:${ports.motcua}/lienthong/inbound`;
  delete hub.time_stamp_authority;  // no kyso here; the journal is not what this test proves
  hub.evidence = { enabled: false };
  hub.sandbox.ports = ports;
  hub.sandbox.paygov_ipn_url = 'http://127.0.0.1:9/inbound/paygov/payment-notice';
  fs.writeFileSync(path.join(dir, 'config/hub.json'), JSON.stringify(hub, null, 2));
  for (const id of ['dvcqg', 'dkdn', 'dancu', 'paygov']) {
    const c = readShipped(`connectors/${id}.json`);
    c.base_url = c.base_url.replace(/:\d+/, `:${ports[id]}`);
    // The planted failures die at their first attempt.
    if (id === 'dvcqg') c.delivery = { max_attempts: 1, backoff_initial_ms: 100, backoff_max_ms: 100 };
    if (c.evidence) c.evidence.archive_bodies = false;
    fs.writeFileSync(path.join(dir, `config/connectors/${id}.json`), JSON.stringify(c, null, 2));
  }
  return ports;
}

// ---- the hub ---------------------------------------------------------------------------------

function startHub(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--config', path.join(dir, 'config/hub.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`the hub did not start in 30 s:\n${stdout}\n${stderr}`)), 30000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const admin = stdout.match(/admin +http:\/\/127\.0\.0\.1:(\d+)/);
      const api = stdout.match(/provincial API +http:\/\/127\.0\.0\.1:(\d+)/);
      if (admin && api && stdout.includes('sandbox')) {
        clearTimeout(timer);
        resolve({ child, admin: Number(admin[1]), api: Number(api[1]), logs: () => stderr });
      }
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code}):\n${stdout}\n${stderr}`));
    });
  });
}

async function http(port, method, target, { body, headers = {}, json = true } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${target}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = text;
  if (json) {
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
  }
  return { status: res.status, headers: res.headers, data };
}

function example(connector, operation) {
  return JSON.parse(fs.readFileSync(path.join(source, 'mappings', connector, `${operation}.example.json`), 'utf8'));
}

// ---- the test ----------------------------------------------------------------------------------

async function main() {
  if (!chromiumPath) {
    console.log("SKIPPED: Debian's chromium is not installed (/usr/bin/chromium): apt-get install chromium, or scripts/setup.sh");
    return SKIP;
  }
  let puppeteer;
  try {
    puppeteer = createRequire(path.join(deps, 'package.json'))('puppeteer-core');
  } catch (err) {
    console.error(`puppeteer-core is not installed in ${deps}/node_modules (the build runs npm ci there: cmake --build <dir> --target browser_test_deps): ${err.message}`);
    return 1;
  }
  fs.mkdirSync(out, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-browser-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));

  step = 'hub';
  let hub;
  let ports;
  let accounts = false;
  for (let attempt = 1; ; attempt++) {
    ports = await writeConfig(dir);
    // The operators, before the hub reads its operators file (beside hub.json); a binary without
    // `admin passwd` makes none.
    accounts = Object.entries(PASSWORD).every(([name, password]) => {
      const r = spawnSync(binary, ['admin', 'passwd', name, '--role', name, '--config', path.join(dir, 'config/hub.json')], { input: `${password}\n`, encoding: 'utf8' });
      if (r.status !== 0) log(`admin passwd ${name}: exit ${r.status}: ${(r.stdout + r.stderr).trim().split('\n')[0]}`);
      return r.status === 0;
    });
    try {
      hub = await startHub(dir);
      break;
    } catch (err) {
      // A free port taken between the probe and the hub's bind: try other ports.
      if (attempt === 3 || !/address|in use|bind/i.test(err.message)) throw err;
    }
  }
  cleanups.push(() => hub.child.kill('SIGTERM'));
  log(`hub: provincial API :${hub.api}, admin :${hub.admin}, sandbox ${JSON.stringify(ports)}`);

  // The admin listener asks for a session (issue 13, point 1): the console signs in.
  const probe = await http(hub.admin, 'GET', '/admin/session');
  check(probe.status === 401, `GET /admin/session without a session: ${probe.status}, not 401`);
  check(accounts, 'lienthong admin passwd made no operators');
  log('the admin listener asks for a session: signing in as viewer and operator');

  step = 'traffic';
  const bearer = { Authorization: `Bearer ${API_KEY}` };
  // Live numbers: business-registry lookups all along.
  let traffic = true;
  const lookups = (async () => {
    while (traffic) {
      await http(hub.api, 'POST', '/v1/dkdn/lookup-enterprise', { body: example('dkdn', 'lookup-enterprise'), headers: bearer }).catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  cleanups.push(() => {
    traffic = false;
  });
  const payment = await http(hub.api, 'POST', '/v1/paygov/create-payment', { body: example('paygov', 'create-payment'), headers: { ...bearer, 'Idempotency-Key': 'browser-pay-1' } });
  check(payment.status === 201, `create-payment: ${payment.status} ${JSON.stringify(payment.data)}`);

  // Two dead letters: the portal fails every call and a dvcqg message gets one attempt.
  const fault = await http(ports.dvcqg, 'POST', '/_sandbox/faults', { body: { mode: 'http500', error_rate: 1 } });
  check(fault.status === 200 || fault.status === 204, `fault: ${fault.status}`);
  const dead = [];
  for (const n of ['0001', '0002']) {
    const body = example('dvcqg', 'sync-dossier');
    body.dossierCode = `000.00.01.H22-261201-${n}`;
    const r = await http(hub.api, 'POST', '/v1/dvcqg/sync-dossier', { body, headers: { ...bearer, Prefer: 'respond-async' } });
    check(r.status === 202, `async sync-dossier: ${r.status} ${JSON.stringify(r.data)}`);
    dead.push(r.headers.get('X-Message-ID'));
  }
  for (const id of dead) {
    await until(`message ${id} dead`, async () => (await http(hub.api, 'GET', `/v1/messages/${id}`, { headers: bearer })).data.state === 'dead');
  }
  log(`planted dead letters ${dead.join(', ')}`);

  step = 'browser';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-chromium-'));
  cleanups.push(() => fs.rmSync(profile, { recursive: true, force: true }));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions', '--mute-audio', '--lang=vi-VN'],
    defaultViewport: { width: 1280, height: 800 },
  });
  cleanups.push(() => browser.close());
  log(`chromium ${await browser.version()}`);
  // localhost, not 127.0.0.1: a secure context for the session's Secure cookie over plain HTTP.
  const origin = `http://localhost:${hub.admin}`;
  const page = await browser.newPage();
  const outside = [];
  const seen = new Set();
  const problems = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    // data: URLs are no request at all (chromium's own date picker icon is one); the page's
    // CSP refuses any of its own.
    if (url.startsWith('data:')) {
      req.continue();
      return;
    }
    seen.add(new URL(url).pathname);
    if (new URL(url).origin !== origin) {
      outside.push(url);
      req.abort('blockedbyclient');
    } else {
      req.continue();
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => d.accept());
  const text = (selector) => page.$eval(selector, (e) => e.textContent);
  // `fit`: only as tall as the page's content (the README's picture of the console).
  const shot = async (name, fit = false) => {
    const height = fit ? await page.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)) : 0;
    await page.screenshot({ path: path.join(out, `${name}.png`), clip: fit ? { x: 0, y: 0, width: 1280, height: Math.min(height, 800) } : undefined });
    log(`screenshot ${name}.png`);
  };
  const visit = async (hash, selector) => {
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    if (selector) await page.waitForSelector(selector, { timeout: 10000 });
  };

  step = 'console headers';
  const index = await http(hub.admin, 'GET', '/', { json: false });
  check(index.status === 200, `GET /: ${index.status}`);
  check(index.headers.get('content-security-policy') === "default-src 'self'; frame-ancestors 'none'", `CSP: ${index.headers.get('content-security-policy')}`);
  check(index.headers.get('x-content-type-options') === 'nosniff', 'nosniff');

  const signIn = async (name) => {
    await page.waitForSelector('#signin-form');
    await page.type('#signin-name', name);
    await page.type('#signin-password', PASSWORD[name]);
    await page.click('#signin-form button[type=submit]');
    await page.waitForSelector('#overview-table', { timeout: 10000 });
    const who = await text('#who');
    check(who.includes(name), `signed in as ${name}: "${who}"`);
  };
  const signOut = async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#signin-form');
  };

  await page.goto(`${origin}/`, { waitUntil: 'networkidle0' });
  step = 'sign-in page';
  await page.waitForSelector('#signin-form');
  await shot('signin');
  await page.type('#signin-name', 'operator');
  await page.type('#signin-password', 'not-the-password');
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('.signin-message .notice.bad');
  await page.$eval('#signin-name', (e) => {
    e.value = '';
  });
  await page.$eval('#signin-password', (e) => {
    e.value = '';
  });

  step = 'viewer';
  await signIn('viewer');
  await visit(`#/messages/${dead[0]}`, '#message-facts');
  check(await page.$eval('#replay', (b) => b.disabled), "a viewer's Replay button is disabled");
  const refused = await page.evaluate(async (id) => {
    const s = await (await fetch('/admin/session')).json();
    const r = await fetch(`/admin/queue/messages/${id}/replay`, { method: 'POST', headers: { 'X-CSRF-Token': s.csrf_token } });
    return { status: r.status, body: await r.json() };
  }, dead[0]);
  check(refused.status === 403, `a viewer's replay: ${refused.status} ${JSON.stringify(refused.body)}`);
  await shot('message-viewer');
  log(`a viewer's replay is refused: ${refused.status} ${refused.body.detail}`);
  await signOut();

  step = 'operator';
  await signIn('operator');
  const noToken = await page.evaluate(async (id) => {
    const r = await fetch(`/admin/queue/messages/${id}/replay`, { method: 'POST' });
    return { status: r.status, body: await r.json() };
  }, dead[0]);
  check(noToken.status === 403, `a replay without the CSRF token: ${noToken.status} ${JSON.stringify(noToken.body)}`);
  log(`a replay without X-CSRF-Token is refused: ${noToken.status} ${noToken.body.detail}`);

  step = 'overview';
  await visit('#/overview', '#overview-table');
  // Live: the lookups show as a rate once two scrapes are in (1 s, then every 5 s).
  const rate = await until('a request rate for dkdn', async () => {
    const v = await page.$eval('#overview-table tr[data-connector="dkdn"] td[data-k="requests"]', (e) => e.textContent).catch(() => '');
    return /^[\d.,]+$/.test(v.trim()) && Number(v.replace(',', '.')) > 0 ? v : null;
  }, 20000);
  const dvcqgDead = await page.$eval('#overview-table tr[data-connector="dvcqg"] td[data-k="dead"]', (e) => e.textContent);
  check(Number(dvcqgDead) >= 2, `dvcqg's dead letters on the overview: ${dvcqgDead}`);
  const p50 = await page.$eval('#overview-table tr[data-connector="dkdn"] td[data-k="p50"]', (e) => e.textContent);
  check(/ms|s$/.test(p50.trim()), `dkdn p50: "${p50}"`);
  log(`overview: dkdn ${rate} requests/min, p50 ${p50}; dvcqg ${dvcqgDead} dead`);
  // The numbers move: a later scrape changes the "updated" line.
  const first = await text('#overview-updated');
  await until('a later scrape', async () => (await text('#overview-updated')) !== first, 12000);
  await shot('overview', true);

  step = 'messages';
  await visit('#/messages?connector=dvcqg&state=dead', '#messages-table');
  const rows = await page.$$eval('#messages-table tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
  check(dead.every((id) => rows.includes(id)), `the dead letters in the filtered list: ${rows}`);
  await visit('#/messages?connector=dvcqg&operation=sync-dossier&since=2000-01-01T00:00:00.000Z', '#messages-table');
  await shot('messages');
  await visit('#/messages?operation=lookup-dossier', '.empty');

  step = 'search';
  await visit('#/messages');
  await page.waitForSelector('#search-id');
  await page.type('#search-id', dead[0]);
  await page.click('#messages-search button');
  await page.waitForSelector('#message-facts[data-state="dead"]');
  const attempt = await page.$eval('#attempts tbody tr', (tr) => [...tr.children].map((td) => td.textContent.trim()));
  check(attempt[0] === '1' && attempt[4] !== '', `the attempts timeline: ${JSON.stringify(attempt)}`);
  log(`attempt 1: far status ${attempt[3]}, error class ${attempt[4]}`);
  await shot('message-dead');

  step = 'replay';
  const cleared = await http(ports.dvcqg, 'DELETE', '/_sandbox/faults');
  check(cleared.status < 300, `clearing the fault: ${cleared.status}`);
  await page.click('#replay');
  await page.waitForSelector('#message-facts[data-state="delivered"]', { timeout: 20000 });
  await page.waitForSelector('#message-result');
  await shot('message-delivered');
  log(`replayed ${dead[0]} from its page: delivered`);

  step = 'dead letters';
  await visit('#/dead', '#dead-groups button[data-connector="dvcqg"]');
  await shot('dead');
  await page.click('#dead-groups button[data-connector="dvcqg"]');
  await page.waitForSelector('#dead-result .notice.good');
  await until(`message ${dead[1]} delivered`, async () => (await http(hub.api, 'GET', `/v1/messages/${dead[1]}`, { headers: bearer })).data.state === 'delivered');
  await page.click('#purge-form button[type=submit]');
  await page.waitForSelector('#dead-result .notice.good');
  log(`bulk replay of dvcqg: ${dead[1]} delivered; purge answered`);

  step = 'payments';
  await visit('#/payments', '#payments-table');
  const paymentRow = await page.$eval('#payments-table tbody tr', (tr) => tr.dataset.id);
  check(paymentRow === payment.data.paymentId, `the payment listed: ${paymentRow} vs ${payment.data.paymentId}`);
  await page.waitForSelector('#payment-states a[data-state]');
  await shot('payments');

  step = 'certificates';
  await visit('#/certificates', '#certificates-table');
  const certs = await page.$$eval('#certificates-table tbody tr', (trs) => trs.length);
  check(certs >= 3, `certificates listed: ${certs}`);
  await shot('certificates');

  step = 'config';
  await visit('#/config', '#config-tree details');
  const configText = await page.$eval('#config-tree', (e) => {
    for (const d of e.querySelectorAll('details')) d.open = true;
    return e.textContent;
  });
  check(configText.includes('***'), 'masked secrets shown as ***');
  for (const secret of ['sandbox-dvcqg-password', 'sandbox-dkdn-token', 'sandbox-paygov-secret', API_KEY]) {
    check(!configText.includes(secret), `the configuration page shows no secret (${secret})`);
  }
  await page.$eval('#config-tree', (e) => {
    for (const d of e.querySelectorAll('details')) d.open = ['hub.json', 'listen', 'admin', 'dvcqg'].includes(d.querySelector('summary').textContent);
  });
  await page.click('#reload');
  await page.waitForSelector('#reload-result .notice');
  log(`reload: ${(await text('#reload-result')).slice(0, 120)}`);
  await shot('config');

  step = 'language';
  check((await text('#nav')).includes('Tổng quan'), 'Vietnamese by default');
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.querySelector('#nav').textContent.includes('Overview'));
  await page.reload({ waitUntil: 'networkidle0' });
  await page.waitForFunction(() => document.querySelector('#nav').textContent.includes('Overview') && document.documentElement.lang === 'en');
  await visit('#/overview', '#overview-table');
  await shot('overview-en');
  await page.click('[data-lang="vi"]');
  await page.waitForFunction(() => document.querySelector('#nav').textContent.includes('Tổng quan'));
  const dictionaries = await page.evaluate(async () => (await import('/console/i18n.js')).keys());
  const missing = dictionaries.vi.filter((k) => !dictionaries.en.includes(k)).concat(dictionaries.en.filter((k) => !dictionaries.vi.includes(k)));
  check(missing.length === 0, `labels in one language only: ${missing}`);

  step = 'sign out';
  await signOut();
  const after = await page.evaluate(async () => (await fetch('/admin/queue/messages')).status);
  check(after === 401, `the API after signing out: ${after}`);

  step = 'outside';
  check(outside.length === 0, `requests outside the hub: ${outside.join(', ')}`);
  check(problems.length === 0, problems.join('\n'));
  check(seen.has('/console/app.js') && seen.has('/metrics'), `the console's own requests: ${[...seen].join(', ')}`);
  log(`${seen.size} distinct paths requested, all from ${origin}; screenshots in ${out}`);
  return 0;
}

let code = 1;
try {
  code = await main();
  if (code === 0) console.log('browser console test: 1 passed, 0 failed');
} catch (err) {
  console.error(`FAILED at ${step}: ${err.stack ?? err}`);
  code = 1;
}
for (const f of cleanups.reverse()) {
  try {
    await f();
  } catch {
    // cleaning up what is gone already
  }
}
process.exit(code);
