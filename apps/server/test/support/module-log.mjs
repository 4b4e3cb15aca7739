// `node --import <this file>`: records every module the process resolves, one URL a line,
// in the file INKWELL_TEST_MODULE_LOG names (a resolve hook of its own, module-log-hook.mjs).
import { register } from 'node:module';

register(new URL('./module-log-hook.mjs', import.meta.url));
