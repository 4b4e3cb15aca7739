import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { GatedStorage } from '../../test/support/gated-storage.ts';
import { identity, TestSocket } from '../../test/support/test-socket.ts';
import { StreamRegistry } from '../events/stream-registry.ts';
import { UserEventLog } from '../events/user-event-log.ts';
import { silentLogger } from '../logger.ts';
import { Room } from '../rooms/room.ts';
import type { UserRecord } from '../storage/account-store.ts';
import { findAddedMentions } from './mention-detector.ts';
import { MentionNotifier } from './mention-notifier.ts';
import { NotificationBudget } from './notification-budget.ts';
import { NotificationService } from './notification-service.ts';

const user = (id: string): UserRecord => ({ id, email: `${id}@x.io`, name: id, color: '#000', passwordHash: 'h', createdAt: 1 });

function mention(id: string): Y.XmlElement {
  const m = new Y.XmlElement('mention');
  m.setAttribute('id', id);
  m.setAttribute('label', id);
  return m;
}

/** The update (and the transaction) of one change made on a fresh copy of `base`. */
function change(base: Y.Doc, fn: (doc: Y.Doc) => void): { update: Uint8Array; found: ReturnType<typeof findAddedMentions> } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  let found: ReturnType<typeof findAddedMentions> = [];
  const onAfter = (tr: Y.Transaction) => (found = findAddedMentions(tr));
  let update: Uint8Array | undefined;
  const onUpdate = (u: Uint8Array) => (update = u);
  doc.on('afterTransaction', onAfter);
  doc.on('update', onUpdate);
  doc.transact(() => fn(doc));
  doc.off('afterTransaction', onAfter);
  doc.off('update', onUpdate);
  Y.applyUpdate(base, update!);
  return { update: update!, found };
}

describe('findAddedMentions', () => {
  it('finds mentions a transaction added, nested ones too, and nothing on plain typing', () => {
    const base = new Y.Doc();
    const typed = change(base, (d) => d.getXmlFragment('default').insert(0, [new Y.XmlText('hello')]));
    expect(typed.found).toEqual([]);

    const pasted = change(base, (d) => {
      const quote = new Y.XmlElement('blockquote');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('hi '), mention('ben')]);
      quote.insert(0, [p]);
      d.getXmlFragment('default').insert(1, [quote, mention('cat')]);
    });
    expect(pasted.found.map((m) => [m.userId, m.label])).toEqual([
      ['ben', 'ben'],
      ['cat', 'cat'],
    ]);
    expect(new Set(pasted.found.map((m) => m.nodeId)).size).toBe(2);
    expect(pasted.found[0]!.nodeId).toMatch(/^\d+:\d+$/);

    // Editing next to an existing mention adds none.
    const around = change(base, (d) => (d.getXmlFragment('default').get(0) as Y.XmlText).insert(0, 'oh, '));
    expect(around.found).toEqual([]);
  });

  it('skips mentions outside the editor fragment, deleted in the same edit, or without a usable id', () => {
    const base = new Y.Doc();
    const outside = change(base, (d) => d.getXmlFragment('other').insert(0, [mention('ben')]));
    expect(outside.found).toEqual([]);
    const gone = change(base, (d) => {
      d.getXmlFragment('default').insert(0, [mention('ben')]);
      d.getXmlFragment('default').delete(0, 1);
    });
    expect(gone.found).toEqual([]);
    const odd = change(base, (d) => {
      const noId = new Y.XmlElement('mention');
      const notAMention = new Y.XmlElement('paragraph');
      notAMention.setAttribute('id', 'ben');
      d.getXmlFragment('default').insert(0, [noId, notAMention, mention('')]);
    });
    expect(odd.found).toEqual([]);
  });
});

describe('MentionNotifier', () => {
  const rooms: Room[] = [];
  afterEach(() => {
    for (const room of rooms.splice(0)) room.close(1001, 'test over');
  });

  it('notifies only once the edit is stored', async () => {
    const storage = new GatedStorage();
    for (const id of ['ana', 'ben']) await storage.createUser(user(id));
    await storage.createDoc({ id: 'doc', title: 'Plan', createdAt: 1, updatedAt: 1 }, 'ana');
    await storage.setMember('doc', 'ben', 'viewer', 2);
    const streams = new StreamRegistry({ heartbeatMs: 60_000, maxPerUser: 8 });
    const notifications = new NotificationService(storage, new UserEventLog({ storage, streams }));
    const notifier = new MentionNotifier(storage, notifications, silentLogger, new NotificationBudget());
    const room = (await Room.load('doc', {
      storage,
      logger: silentLogger,
      compactAfterUpdates: 1000,
      onStorageFailure: vi.fn(),
      onPoisoned: vi.fn(),
      onEdit: notifier.handleEdit,
    }))!;
    rooms.push(room);
    const socket = new TestSocket();
    room.join(socket, identity('editor', { id: 'ana', name: 'Ana', color: '#000' }));

    const { update } = change(new Y.Doc(), (d) => d.getXmlFragment('default').insert(0, [mention('ben')]));
    room.handleMessage(socket, syncUpdate(update));
    await vi.waitFor(() => expect(storage.gates).toHaveLength(1));
    // Several turns of the loop later, with the write still in flight: nothing yet.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(await storage.listNotifications('ben', 10)).toEqual([]);

    storage.openAll();
    await vi.waitFor(async () => expect(await storage.listNotifications('ben', 10)).toHaveLength(1));
    await notifier.idle();
    expect((await storage.listNotifications('ben', 10))[0]).toMatchObject({ kind: 'mentioned', actorId: 'ana', docTitle: 'Plan' });
  });
});
