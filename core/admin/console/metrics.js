// The Prometheus text format (0.0.4) of GET /metrics, and what the overview computes from two
// scrapes: counters' differences give rates, histogram buckets' differences give quantiles.
// Pure functions (no DOM), so tests can run them under Node too.

/** Parses the text into samples: [{name, labels: {k: v}, value}]. Comments and bad lines are skipped. */
export function parseMetrics(text) {
  const samples = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.indexOf(' ');
    let name;
    let labels = {};
    let rest;
    if (brace !== -1 && (space === -1 || brace < space)) {
      name = line.slice(0, brace);
      const parsed = parseLabels(line, brace + 1);
      if (!parsed) continue;
      labels = parsed.labels;
      rest = line.slice(parsed.end + 1).trim();
    } else {
      name = line.slice(0, space);
      rest = line.slice(space + 1).trim();
    }
    const value = parseValue(rest.split(/\s+/)[0]);
    if (name && value !== null) samples.push({ name, labels, value });
  }
  return samples;
}

function parseValue(text) {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const v = Number(text);
  return text === '' || Number.isNaN(v) ? null : v;
}

// Labels from `at` (just after "{") to the closing "}": name="value" pairs, values escaped
// with \\, \" and \n.
function parseLabels(line, at) {
  const labels = {};
  let i = at;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return { labels, end: i };
    const eq = line.indexOf('=', i);
    if (eq === -1 || line[eq + 1] !== '"') return null;
    const key = line.slice(i, eq).trim();
    let value = '';
    let j = eq + 2;
    for (; j < line.length && line[j] !== '"'; j++) {
      if (line[j] === '\\' && j + 1 < line.length) {
        j++;
        value += line[j] === 'n' ? '\n' : line[j];
      } else {
        value += line[j];
      }
    }
    if (j >= line.length) return null;
    labels[key] = value;
    i = j + 1;
  }
  return null;
}

/** The sum of every sample of `name` whose labels include `match`. */
export function sum(samples, name, match = {}) {
  let total = 0;
  for (const s of samples) {
    if (s.name === name && matches(s.labels, match)) total += s.value;
  }
  return total;
}

function matches(labels, match) {
  for (const [k, v] of Object.entries(match)) {
    if (typeof v === 'function' ? !v(labels[k]) : labels[k] !== v) return false;
  }
  return true;
}

/** Each distinct value of label `label` among samples of the names given. */
export function labelValues(samples, names, label) {
  const out = new Set();
  for (const s of samples) {
    if (names.includes(s.name) && s.labels[label] !== undefined) out.add(s.labels[label]);
  }
  return [...out].sort();
}

/** A counter's increase from `before` to `after` (a restarted hub counts from zero again). */
export function increase(before, after, name, match = {}) {
  const a = sum(after, name, match);
  const b = before ? sum(before, name, match) : 0;
  return a >= b ? a - b : a;
}

/** Cumulative bucket counts of histogram `name` (samples `name_bucket`), by upper bound. */
export function buckets(samples, name, match = {}) {
  const byBound = new Map();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || !matches(s.labels, match)) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byBound.set(le, (byBound.get(le) ?? 0) + s.value);
  }
  return [...byBound.entries()].sort((x, y) => x[0] - y[0]);
}

/**
 * The q-quantile (0..1) of what histogram `name` observed between two scrapes, interpolated
 * within its bucket as Prometheus' histogram_quantile does; null when nothing was observed.
 */
export function quantile(q, before, after, name, match = {}) {
  const now = buckets(after, name, match);
  const then = new Map(before ? buckets(before, name, match) : []);
  let counts = now.map(([le, c]) => [le, c - (then.get(le) ?? 0)]);
  if (counts.some(([, c]) => c < 0)) counts = now;  // the hub restarted in between
  if (counts.length === 0) return null;
  const total = counts[counts.length - 1][1];
  if (total <= 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, c] of counts) {
    if (c >= rank) {
      if (le === Infinity) return lower;  // beyond the last bound: the last bound is all we know
      const inBucket = c - below;
      return inBucket > 0 ? lower + ((le - lower) * (rank - below)) / inBucket : le;
    }
    lower = le;
    below = c;
  }
  return lower;
}

/**
 * Scrapes kept over a sliding window; `stats()` gives, per connector, what the overview shows.
 */
export class MetricsWindow {
  constructor(windowMs = 60_000) {
    this.windowMs = windowMs;
    this.scrapes = [];  // [{at, samples}]
    this.history = new Map();  // connector -> last requests/min values (sparkline)
  }

  add(at, samples) {
    this.scrapes.push({ at, samples });
    // Keep the newest scrape that is at least a window old, so rates cover a whole window.
    while (this.scrapes.length > 2 && at - this.scrapes[1].at >= this.windowMs) this.scrapes.shift();
  }

  /** Seconds between the oldest and newest scrape kept (0 until there are two). */
  span() {
    if (this.scrapes.length < 2) return 0;
    return (this.scrapes[this.scrapes.length - 1].at - this.scrapes[0].at) / 1000;
  }

  connectors(extra = []) {
    const last = this.latest();
    const names = [
      'lienthong_ingress_requests_total',
      'lienthong_upstream_request_duration_seconds_count',
      'lienthong_circuit_state',
      'lienthong_queue_messages',
      'lienthong_guard_refusals_total',
      'lienthong_delivery_attempts_total',
    ];
    const found = last ? labelValues(last, names, 'connector') : [];
    return [...new Set([...found, ...extra])].filter((c) => c && c !== 'none').sort();
  }

  latest() {
    return this.scrapes.length ? this.scrapes[this.scrapes.length - 1].samples : null;
  }

  stats(connector) {
    const after = this.latest();
    if (!after) return null;
    const before = this.scrapes.length > 1 ? this.scrapes[0].samples : null;
    const minutes = this.span() / 60;
    const perMinute = (n) => (before && minutes > 0 ? n / minutes : null);
    const c = { connector };
    const requests = increase(before, after, 'lienthong_ingress_requests_total', c);
    // Errors: answers the hub failed (5xx) and delivery attempts of queued messages that did not
    // deliver; a caller's own mistake (4xx) is not the hub's error.
    const failed =
      increase(before, after, 'lienthong_ingress_requests_total', { ...c, class: '5xx' }) +
      increase(before, after, 'lienthong_delivery_attempts_total', { ...c, outcome: (o) => o !== 'delivered' });
    const histogram = 'lienthong_upstream_request_duration_seconds';
    const s = {
      connector,
      requestsPerMinute: perMinute(requests),
      errorsPerMinute: perMinute(failed),
      p50: before ? quantile(0.5, before, after, histogram, c) : null,
      p99: before ? quantile(0.99, before, after, histogram, c) : null,
      circuit: after.find((x) => x.name === 'lienthong_circuit_state' && x.labels.connector === connector)?.value ?? null,
      rateLimited: sum(after, 'lienthong_guard_refusals_total', { ...c, reason: 'rate_limited' }),
      rateLimitedPerMinute: perMinute(increase(before, after, 'lienthong_guard_refusals_total', { ...c, reason: 'rate_limited' })),
      circuitRefusals: sum(after, 'lienthong_guard_refusals_total', { ...c, reason: 'circuit_open' }),
      queue: sum(after, 'lienthong_queue_messages', c),
      oldestSeconds: sum(after, 'lienthong_queue_oldest_age_seconds', c),
      dead: sum(after, 'lienthong_dead_letters_total', c),
    };
    if (s.requestsPerMinute !== null) {
      const h = this.history.get(connector) ?? [];
      if (h.at(-1)?.at !== this.scrapes.at(-1).at) h.push({ at: this.scrapes.at(-1).at, v: s.requestsPerMinute });
      while (h.length > 30) h.shift();
      this.history.set(connector, h);
    }
    s.trend = (this.history.get(connector) ?? []).map((x) => x.v);
    return s;
  }
}
