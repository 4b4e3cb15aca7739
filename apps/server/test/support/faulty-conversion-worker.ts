// A conversion worker that fails when asked to (content-workers.test.ts): Markdown starting
// with a marker of conversion-faults.ts throws, ends the thread or never answers; anything
// else converts as the real worker does. Production code is untouched: the server is given
// this script through ServerDeps.conversionWorker.
import { serveConversions } from '../../src/documents/content/conversion-channel.ts';
import { Conversions } from '../../src/documents/content/conversions.ts';
import { CONVERSION_FAULTS } from './conversion-faults.ts';

const conversions = new Conversions();

serveConversions((job) => {
  const markdown = 'markdown' in job ? job.markdown : '';
  if (markdown.startsWith(CONVERSION_FAULTS.throw)) throw new Error('injected conversion failure');
  if (markdown.startsWith(CONVERSION_FAULTS.exit)) process.exit(7);
  if (markdown.startsWith(CONVERSION_FAULTS.hang)) for (;;);
  return conversions.run(job);
});
