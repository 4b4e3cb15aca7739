// Connection pre-step for the shared harness (../shared/bench, option `prestep`) against
// Inkwell, which needs accounts: documents exist only when someone created them, and a socket
// opens only for a signed-in member of its document.
//
// The harness invents document names (`<runId>-fanout-3`, `<runId>-conn-17`, …) and calls us
// once per simulated client with `{ index, docName, target }` (`target.url` is the raw
// template, `{port}`/`{doc}`/`{i}` unfilled). We
//   - register bench users on demand: client i is user (i mod USERS), so the ten editors of a
//     fanout room are ten different people, and a room of 50 is ten people in five tabs each;
//   - create one Inkwell document per harness document name (owned by user 0) and share it
//     with every other user that connects to it (as editor);
//   - hand the client its user's session cookie and the socket URL of the real document.
// Everything is memoised as promises, so concurrent clients of one name share one document,
// one registration per user and one share per (document, user). A failure is not cached.
//
// Environment: INKWELL_BENCH_USERS (default 10).

const USERS = Math.max(1, Number(process.env.INKWELL_BENCH_USERS || 10));
const PASSWORD = 'bench-password-1';
const stamp = `${Date.now().toString(36)}-${process.pid}`;

/** Memoised async work: a rejected promise is forgotten so the next caller retries. */
function memo(map, key, make) {
  let p = map.get(key);
  if (!p) {
    p = make();
    p.catch(() => map.delete(key));
    map.set(key, p);
  }
  return p;
}

function fill(template, { doc, port, i }) {
  return template
    .replaceAll('{doc}', encodeURIComponent(doc))
    .replaceAll('{port}', String(port ?? ''))
    .replaceAll('{i}', String(i ?? 0));
}

async function call(apiBase, path, { method = 'POST', body, cookie, expect }) {
  let lastErr;
  // A freshly launched server accepts TCP slightly before its first request is served only
  // in theory; retry network errors a few times, never an HTTP error answer.
  for (let attempt = 0; attempt < 3; attempt++) {
    let res;
    try {
      res = await fetch(`${apiBase}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      lastErr = err;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      continue;
    }
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${apiBase}${path} -> HTTP ${res.status}: ${text.slice(0, 200)}`);
    return { res, json: text ? JSON.parse(text) : undefined };
  }
  throw new Error(`${method} ${apiBase}${path} failed: ${lastErr?.message ?? lastErr}`);
}

const users = new Map(); // `${apiBase} ${u}` -> Promise<{ cookie, email }>
const docs = new Map(); // `${apiBase} ${docName}` -> Promise<docId>
const shares = new Map(); // `${apiBase} ${docId} ${u}` -> Promise<void>

function user(apiBase, u) {
  return memo(users, `${apiBase} ${u}`, async () => {
    const email = `bench-${stamp}-${u}@bench.test`;
    const { res } = await call(apiBase, '/api/auth/register', { body: { email, password: PASSWORD, name: `Bench ${u}` }, expect: 201 });
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
    if (!cookie) throw new Error(`register at ${apiBase} answered without a session cookie`);
    return { cookie, email };
  });
}

function doc(apiBase, docName) {
  return memo(docs, `${apiBase} ${docName}`, async () => {
    const owner = await user(apiBase, 0);
    const { json } = await call(apiBase, '/api/docs', { body: { title: `bench ${docName}` }, cookie: owner.cookie, expect: 201 });
    if (typeof json?.id !== 'string') throw new Error(`POST /api/docs answered without an id`);
    return json.id;
  });
}

function share(apiBase, docId, u) {
  if (u === 0) return Promise.resolve();
  return memo(shares, `${apiBase} ${docId} ${u}`, async () => {
    const [owner, member] = await Promise.all([user(apiBase, 0), user(apiBase, u)]);
    await call(apiBase, `/api/docs/${encodeURIComponent(docId)}/members`, {
      method: 'PUT',
      body: { email: member.email, role: 'editor' },
      cookie: owner.cookie,
      expect: 200,
    });
  });
}

export default async function inkwellPrestep({ index, docName, target }) {
  // The API lives on the socket's host and port, over http.
  const probe = new URL(fill(target.url, { doc: 'x', port: target.port, i: index }));
  const apiBase = `${probe.protocol === 'wss:' ? 'https:' : 'http:'}//${probe.host}`;
  const u = index % USERS;
  const [id, me] = await Promise.all([doc(apiBase, docName), user(apiBase, u)]);
  await share(apiBase, id, u);
  return { url: fill(target.url, { doc: id, port: target.port, i: index }), headers: { Cookie: me.cookie } };
}
