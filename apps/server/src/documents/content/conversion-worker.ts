// Entry of a conversion worker thread (conversion-pool.ts starts it; build.mjs bundles it as
// dist/conversion-worker.js beside dist/main.js).
import { serveConversions } from './conversion-channel.ts';
import { Conversions } from './conversions.ts';

const conversions = new Conversions();
serveConversions((job) => conversions.run(job));
