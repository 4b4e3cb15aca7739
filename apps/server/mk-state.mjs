import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
const trace = JSON.parse(gunzipSync(readFileSync('/work/shared/data/editing-trace-paper.json.gz')));
const doc = new Y.Doc(); const t = doc.getText('text');
let n=0;
for (const txn of trace.txns) for (const [pos, del, ins] of txn.patches) { if (del) t.delete(pos, del); if (ins) t.insert(pos, ins); if (++n >= 50000) break; } if (n>=50000) break;
writeFileSync('/tmp/state50k.bin', Y.encodeStateAsUpdate(doc));
console.log(Y.encodeStateAsUpdate(doc).length, n);
