// The resolve hook module-log.mjs registers; it runs on Node's loader thread.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.INKWELL_TEST_MODULE_LOG, `${resolved.url}\n`);
  return resolved;
}
