/** Largest JSON request body the HTTP API accepts (413 past it). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** Default largest WebSocket frame; a bigger one closes the socket with 1009. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

export const TITLE_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 40;

/**
 * Deepest nesting of shared types (an XmlElement in an XmlElement …) the server accepts.
 * Renderers walk documents recursively; a hostile update 100,000 levels deep would make a
 * document nobody can open. Tiptap documents are rarely deeper than 20.
 */
export const MAX_NESTING_DEPTH = 256;
