// What several pages need from the running configuration (GET /admin/config), read once.
import { get } from '../api.js';

let config = null;

export async function runningConfig() {
  config ??= get('/admin/config').catch((err) => {
    config = null;  // try again next time
    throw err;
  });
  return config;
}

/** {connector: [operation, ...]} of the running configuration, sorted. */
export async function connectorOperations() {
  const c = await runningConfig();
  const out = {};
  for (const [id, connector] of Object.entries(c.connectors ?? {}).sort()) {
    out[id] = [...Object.keys(connector.operations ?? {}), ...Object.keys(connector.inbound ?? {})].sort();
  }
  return out;
}
