/** What a person may do with a document (docs/protocol.md, roles). */
export type Role = 'owner' | 'editor' | 'commenter' | 'viewer';
