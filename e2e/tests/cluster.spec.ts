// Two people in two browsers, each on another Inkwell instance (same database and Redis),
// edit one document together.
import { type BrowserContext, expect, test } from '@playwright/test';
import { startCluster } from '../fixtures/cluster.ts';
import { newActor } from '../fixtures/test.ts';

test('two tabs on two instances edit together and see each other', async ({ browser }) => {
  const cluster = await startCluster();
  const contexts: BrowserContext[] = [];
  try {
    const track = (c: BrowserContext) => contexts.push(c);
    const ana = await newActor(browser, cluster.a.url, 'Ana Lima', track);
    const ben = await newActor(browser, cluster.b.url, 'Ben Okafor', track);

    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'editor');
    await ben.editor.open(anaEditor.docId);

    await anaEditor.typeAtEnd('Ana on instance A.');
    await expect(ben.editor.content).toContainText('Ana on instance A.');
    await ben.editor.typeAtEnd(' Ben on instance B.');
    await expect(anaEditor.content).toContainText('Ana on instance A. Ben on instance B.');

    // Presence and carets cross instances too.
    await expect(anaEditor.caretLabel('Ben Okafor')).toBeVisible();
    await expect(ben.editor.caretLabel('Ana Lima')).toBeVisible();
    await expect(anaEditor.presenceUser('Ben Okafor')).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
    await cluster.dispose();
  }
});
