// Markdown that makes the test conversion worker (faulty-conversion-worker.ts) fail on purpose.
export const CONVERSION_FAULTS = {
  throw: '<!-- test: throw -->',
  exit: '<!-- test: exit -->',
  hang: '<!-- test: hang -->',
} as const;
