/** Largest JSON request body the HTTP API accepts (413 past it). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** Default largest WebSocket frame; a bigger one closes the socket with 1009. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

export const TITLE_MAX_LENGTH = 200;
export const DISPLAY_NAME_MAX_LENGTH = 40;
