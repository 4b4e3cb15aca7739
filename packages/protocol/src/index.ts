export * from './version.ts';
export * from './doc-id.ts';
export * from './errors.ts';
export * from './close-codes.ts';
export * from './routes.ts';
export * from './limits.ts';
export * from './documents.ts';
export * from './presence.ts';
