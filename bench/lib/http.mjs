/**
 * The HTTP side: transitions under load with autocannon (spread over many dossiers, and
 * all clients on one dossier with If-Match), and sequential reads timed one by one.
 */
import autocannon from 'autocannon';
import http from 'node:http';
import { percentile, round, sleep } from './util.mjs';
import { isoDay } from './model.mjs';

const REQUEST = {
  type: 'REQUEST_COMPLEMENTS',
  reason: 'Comptes annuels du dernier exercice et liste des associés par catégorie.',
  dueDate: isoDay(45),
};
const RECEIVE = { type: 'RECEIVE_COMPLEMENTS' };
const eventFor = (state) => (state === 'awaitingComplements' ? RECEIVE : REQUEST);

/** A keep-alive client for the sequential reads and the small set-up calls. */
export function httpClient(baseUrl, token) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(baseUrl);
  const request = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode, text, json: () => JSON.parse(text) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  return {
    get: (path, headers) => request('GET', path, undefined, headers),
    post: (path, body, headers) => request('POST', path, body, headers),
    close: () => agent.destroy(),
  };
}

function summarise(result, extra = {}) {
  const seconds = result.duration;
  const ok = result['2xx'];
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]));
  return {
    connections: result.connections,
    seconds: round(seconds, 2),
    requests: result.requests.total,
    okPerSecond: round(ok / seconds, 1),
    requestsPerSecond: round(result.requests.total / seconds, 1),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    ...extra,
  };
}

/**
 * Transitions spread over a pool of dossiers: a dossier is taken from a free list for each
 * request and given back with its new state when the answer arrives, so that no two
 * requests are ever in flight on one dossier (each is a success when the app is right).
 * `states` (id → state) is kept up to date across runs.
 */
export async function spreadTransitions({ baseUrl, token, ids, states, connections, seconds, client }) {
  const free = [...ids];
  const busy = new Set();
  const take = () => {
    const id = free.shift();
    busy.add(id);
    return id;
  };
  const unexpected = {};
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 20,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const id = take();
          context.id = id;
          return { ...req, path: `/api/dossiers/${id}/events`, body: JSON.stringify(eventFor(states.get(id))) };
        },
        onResponse: (status, body, context) => {
          const id = context.id;
          if (!id || !busy.has(id)) return;
          try {
            const json = JSON.parse(String(body));
            if (status === 200) states.set(id, json.state);
            else {
              const code = json.error?.code ?? String(status);
              unexpected[code] = (unexpected[code] ?? 0) + 1;
              if (json.error?.details?.currentState) states.set(id, json.error.details.currentState);
            }
          } catch {
            unexpected[`unreadable ${status}`] = (unexpected[`unreadable ${status}`] ?? 0) + 1;
          }
          busy.delete(id);
          free.push(id);
        },
      },
    ],
  });
  // Requests cut off by the end of the run: once the server has finished them, read back
  // where their dossiers stand.
  await sleep(1000);
  for (const id of busy) {
    const response = await client.get(`/api/dossiers/${id}`);
    states.set(id, response.json().state);
  }
  return summarise(result, { dossiers: ids.length, unexpected });
}

/**
 * Every client on one dossier with If-Match (the conflict path): each client keeps the
 * version and state it last learnt, from a 200, a 412 (currentVersion) or a 409
 * (currentState).
 */
export async function conflictTransitions({ baseUrl, token, id, connections, seconds, client }) {
  const current = (await client.get(`/api/dossiers/${id}`)).json();
  // Shared knowledge of the latest answer: each request is built from it, as a client
  // would after re-reading the dossier.
  const known = { version: current.version, state: current.state };
  const codes = {};
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 20,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          path: `/api/dossiers/${id}/events`,
          headers: { ...req.headers, 'if-match': `"${known.version}"` },
          body: JSON.stringify(eventFor(known.state)),
        }),
        onResponse: (status, body) => {
          try {
            const json = JSON.parse(String(body));
            if (status === 200) {
              if (json.version > known.version) Object.assign(known, { version: json.version, state: json.state });
              codes.OK = (codes.OK ?? 0) + 1;
              return;
            }
            const code = json.error?.code ?? String(status);
            codes[code] = (codes[code] ?? 0) + 1;
            const details = json.error?.details ?? {};
            if (details.currentVersion > known.version) known.version = details.currentVersion;
            if (details.currentState) known.state = details.currentState;
          } catch {
            codes[`unreadable ${status}`] = (codes[`unreadable ${status}`] ?? 0) + 1;
          }
        },
      },
    ],
  });
  return summarise(result, { codes });
}

/** Times `samples` sequential GETs (after `warmup` untimed ones); p50/p95 in ms. */
export async function timeReads(client, paths, { samples, warmup = 5, maxSeconds = 5 }) {
  const list = Array.isArray(paths) ? paths : [paths];
  for (let i = 0; i < warmup; i++) await client.get(list[i % list.length]);
  const times = [];
  let failures = 0;
  let bytes = 0;
  let total = null;
  const deadline = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < samples && performance.now() < deadline; i++) {
    const started = performance.now();
    const response = await client.get(list[i % list.length]);
    times.push(performance.now() - started);
    if (response.status !== 200) failures++;
    bytes += response.text.length;
    if (total === null && response.status === 200) total = response.json().total ?? null;
  }
  return {
    samples: times.length,
    p50: round(percentile(times, 50), 2),
    p95: round(percentile(times, 95), 2),
    max: round(Math.max(...times), 2),
    failures,
    avgBytes: Math.round(bytes / Math.max(1, times.length)),
    ...(total !== null ? { total } : {}),
  };
}

/** Times a sequence of GETs as one operation (reading a journal page after page). */
export async function timeSequence(client, paths, { samples, warmup = 3 }) {
  const once = async () => {
    let entries = 0;
    for (const path of paths) {
      const response = await client.get(path);
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text.slice(0, 200)}`);
      entries += response.json().items?.length ?? 0;
    }
    return entries;
  };
  for (let i = 0; i < warmup; i++) await once();
  const times = [];
  let entries = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    entries = await once();
    times.push(performance.now() - started);
  }
  return {
    samples,
    entries,
    requests: paths.length,
    p50: round(percentile(times, 50), 2),
    p95: round(percentile(times, 95), 2),
  };
}
