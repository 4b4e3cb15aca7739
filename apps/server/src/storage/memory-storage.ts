import { DocNotFoundError, type DocRecord, type Storage, type StoredDocState } from './storage.ts';

interface Entry {
  doc: DocRecord;
  snapshot: { state: Uint8Array; throughSeq: number } | null;
  updates: { seq: number; data: Uint8Array }[];
  lastSeq: number;
}

/** Keeps everything in process memory: for tests and throwaway servers. */
export class MemoryStorage implements Storage {
  private readonly docs = new Map<string, Entry>();

  async createDoc(doc: DocRecord): Promise<DocRecord> {
    if (this.docs.has(doc.id)) throw new Error(`document ${doc.id} already exists`);
    this.docs.set(doc.id, { doc: { ...doc }, snapshot: null, updates: [], lastSeq: 0 });
    return { ...doc };
  }

  async getDoc(id: string): Promise<DocRecord | undefined> {
    const entry = this.docs.get(id);
    return entry && { ...entry.doc };
  }

  async listDocs(): Promise<DocRecord[]> {
    // Map iteration is insertion order; reversed, ties (same millisecond) go to the later insert.
    return [...this.docs.values()]
      .reverse()
      .map((e) => ({ ...e.doc }))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined> {
    const entry = this.docs.get(id);
    if (!entry) return undefined;
    entry.doc = { ...entry.doc, title, updatedAt: now };
    return { ...entry.doc };
  }

  async deleteDoc(id: string): Promise<boolean> {
    return this.docs.delete(id);
  }

  async loadDocState(id: string): Promise<StoredDocState | undefined> {
    const entry = this.docs.get(id);
    if (!entry) return undefined;
    return {
      snapshot: entry.snapshot ? entry.snapshot.state.slice() : null,
      updates: entry.updates.map((u) => u.data.slice()),
      lastSeq: entry.lastSeq,
    };
  }

  async appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number> {
    const entry = this.docs.get(id);
    if (!entry) throw new DocNotFoundError(id);
    for (const data of updates) entry.updates.push({ seq: ++entry.lastSeq, data: data.slice() });
    entry.doc.updatedAt = now;
    return entry.lastSeq;
  }

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const entry = this.docs.get(id);
    if (!entry) throw new DocNotFoundError(id);
    if (entry.snapshot && entry.snapshot.throughSeq > throughSeq) return;
    entry.snapshot = { state: snapshot.slice(), throughSeq };
    entry.updates = entry.updates.filter((u) => u.seq > throughSeq);
  }

  async close(): Promise<void> {}
}
