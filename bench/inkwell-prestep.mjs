// Connection pre-step for ../shared/bench (collab-ws-bench) against Inkwell.
//
// Inkwell refuses a socket for a document that does not exist (404 at the upgrade), while the
// harness invents its own document names (`<runId>-doc-3`, `<runId>-conn-17`, …). This module
// creates one Inkwell document per harness document name with `POST /api/docs` and hands the
// harness the socket URL of that document.
//
// Use with the harness's `prestep` target option and a URL template that has `{doc}`:
//   --target 'inkwell=yws:ws://127.0.0.1:{port}/ws/doc/{doc}'
//   --target-opt 'inkwell.prestep=/work/main/bench/inkwell-prestep.mjs'
//
// The harness calls us once per simulated client with `{ index, docName, target }`, where
// `target` is `{ name, adapter, url, port }` and `url` is the raw template (with `{port}`,
// `{doc}`, `{i}` unfilled). A returned `url` is used as is, so we fill the template here.
// All clients of one docName must land in the same document, and the harness may ask for the
// same docName from concurrent calls, so the promise (not the id) is memoised.
//
// Optional environment: INKWELL_BENCH_COOKIE (sent on the POST and on the upgrade, for when
// the server requires a session), INKWELL_BENCH_ORIGIN (Origin header on both).

const docIds = new Map() // docName -> Promise<string>

function fill(template, { doc, port, i }) {
  return template
    .replaceAll('{doc}', encodeURIComponent(doc))
    .replaceAll('{port}', String(port ?? ''))
    .replaceAll('{i}', String(i ?? 0));
}

// Inkwell needs an account: the first call per server registers one bench user and every
// client of the run uses its session cookie (as one person in many tabs would).
const sessions = new Map() // apiBase -> Promise<string cookie>

async function register(apiBase) {
  const res = await fetch(`${apiBase}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@bench.test`, password: 'bench-password', name: 'Bench' }),
  });
  if (res.status !== 201) throw new Error(`register at ${apiBase} -> HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.headers.getSetCookie()[0].split(';')[0];
}

let cookie = process.env.INKWELL_BENCH_COOKIE || '';

function extraHeaders() {
  const h = {};
  if (cookie) h.Cookie = cookie;
  if (process.env.INKWELL_BENCH_ORIGIN) h.Origin = process.env.INKWELL_BENCH_ORIGIN;
  return h;
}

async function createDoc(apiBase, title) {
  let lastErr;
  // A freshly launched server accepts TCP before everything is ready only in theory; retry a
  // couple of times on network errors, never on an HTTP error answer.
  for (let attempt = 0; attempt < 3; attempt++) {
    let res;
    try {
      res = await fetch(`${apiBase}/api/docs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...extraHeaders() },
        body: JSON.stringify({ title }),
      });
    } catch (err) {
      lastErr = err;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      continue;
    }
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST ${apiBase}/api/docs -> HTTP ${res.status}: ${text.slice(0, 200)}`);
    const { id } = JSON.parse(text);
    if (typeof id !== 'string') throw new Error(`POST ${apiBase}/api/docs answered without an id: ${text.slice(0, 200)}`);
    return id;
  }
  throw new Error(`POST ${apiBase}/api/docs failed: ${lastErr?.message ?? lastErr}`);
}

export default async function inkwellPrestep({ index, docName, target }) {
  // Where the API lives: same host and port as the socket URL, http instead of ws.
  const probe = new URL(fill(target.url, { doc: 'x', port: target.port, i: index }));
  const apiBase = `${probe.protocol === 'wss:' ? 'https:' : 'http:'}//${probe.host}`;
  if (!process.env.INKWELL_BENCH_COOKIE) {
    let session = sessions.get(apiBase);
    if (!session) {
      session = register(apiBase);
      session.catch(() => sessions.delete(apiBase));
      sessions.set(apiBase, session);
    }
    cookie = await session;
  }
  const key = `${apiBase} ${docName}`;
  let idPromise = docIds.get(key);
  if (!idPromise) {
    idPromise = createDoc(apiBase, `bench ${docName}`);
    // A failed creation is not cached: the next client of that docName tries again.
    idPromise.catch(() => docIds.delete(key));
    docIds.set(key, idPromise);
  }
  const id = await idPromise;
  return { url: fill(target.url, { doc: id, port: target.port, i: index }), headers: extraHeaders() };
}
