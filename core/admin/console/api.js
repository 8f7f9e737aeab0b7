// The admin API, as the console calls it: same origin only, the session's cookie, and the
// session's CSRF token on every change. Failures are ApiError with the RFC 9457 problem.
let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Called when the hub answers 401 to anything but the session itself (a session that ended). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const change = method !== 'GET' && method !== 'HEAD';
  if (change && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  let data = null;
  if (res.status !== 204 && res.status !== 304) {
    const type = res.headers.get('Content-Type') ?? '';
    data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/admin/session')) onSignedOut();
    throw new ApiError(res.status, typeof data === 'object' ? data : { detail: data }, res.headers.get('Retry-After'));
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const del = (path) => api('DELETE', path);

/** `?a=1&b=2` from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
