import {
  DISPLAY_NAME_MAX_LENGTH,
  PRESENCE_COLORS,
  presenceUserSchema,
  type PresenceUser,
} from '@inkwell/protocol';

// Until accounts exist a person is a display name plus a caret colour, remembered per
// browser. Other tabs pick up a change through the `storage` event.
export const LOCAL_USER_KEY = 'inkwell.user';

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedUser: PresenceUser | null = null;
let memoryFallback: string | null = null;

function randomColor(): string {
  const index = Math.floor(Math.random() * PRESENCE_COLORS.length);
  return PRESENCE_COLORS[index] ?? PRESENCE_COLORS[0];
}

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(LOCAL_USER_KEY);
  } catch {
    // Storage can be disabled (privacy settings); then the name lives for this page only.
    return memoryFallback;
  }
}

function writeRaw(raw: string): void {
  memoryFallback = raw;
  try {
    window.localStorage.setItem(LOCAL_USER_KEY, raw);
  } catch {
    // see readRaw
  }
}

// A stored name without a valid colour (hand-edited, or an older format) keeps the name.
function parse(raw: string | null): PresenceUser | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const full = presenceUserSchema.safeParse(value);
  if (full.success) return full.data;
  const nameOnly = presenceUserSchema.pick({ name: true }).safeParse(value);
  if (!nameOnly.success) return null;
  const repaired = { name: nameOnly.data.name, color: randomColor() };
  writeRaw(JSON.stringify(repaired));
  return repaired;
}

/** Stable between calls while the stored value is unchanged, as useSyncExternalStore needs. */
export function getLocalUser(): PresenceUser | null {
  const raw = readRaw();
  if (raw === cachedRaw) return cachedUser;
  const next = parse(raw);
  cachedRaw = readRaw();
  const same =
    next !== null &&
    cachedUser !== null &&
    next.name === cachedUser.name &&
    next.color === cachedUser.color;
  if (!same) cachedUser = next;
  return cachedUser;
}

export function subscribeToLocalUser(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === LOCAL_USER_KEY) listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Returns an error message for a candidate display name, or null when it is acceptable. */
export function validateDisplayName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Please enter a name.';
  if (trimmed.length > DISPLAY_NAME_MAX_LENGTH) {
    return `Name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters.`;
  }
  return null;
}

/** Saves the name, keeping the colour already chosen so carets don't change hue. */
export function saveLocalUserName(name: string): void {
  const color = getLocalUser()?.color ?? randomColor();
  writeRaw(JSON.stringify({ name: name.trim(), color }));
  for (const listener of listeners) listener();
}
