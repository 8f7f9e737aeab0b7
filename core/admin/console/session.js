// Who uses the console: {name, role, csrf_token, expires_at} from GET /admin/session, or null
// when nobody is signed in.
import { setCsrfToken } from './api.js';

let current = null;
const listeners = [];

export function currentSession() {
  return current;
}

/** True when the hub lets this session change things (replay, purge, reload). */
export function canOperate() {
  return current?.role === 'operator';
}

export function setSession(session) {
  current = session ?? null;
  setCsrfToken(current?.csrf_token);
  for (const f of listeners) f(current);
}

export function onSessionChange(f) {
  listeners.push(f);
}
