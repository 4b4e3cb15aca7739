// Errors every storage implementation throws for the same conditions, so callers can tell
// them apart from a failing database without knowing which backend is in use.

export class EmailTakenError extends Error {
  constructor() {
    super('email is already registered');
    this.name = 'EmailTakenError';
  }
}

export class OwnerChangeError extends Error {
  constructor() {
    super("a document's owner cannot be changed or removed");
    this.name = 'OwnerChangeError';
  }
}

export class DocNotFoundError extends Error {
  constructor(readonly docId: string) {
    super(`document ${docId} does not exist`);
    this.name = 'DocNotFoundError';
  }
}
