// The smallest store a component can watch (hooks/use-store.ts): `get` returns the same
// reference until `set` is given a value that differs by `equals`.
export class SnapshotStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(
    private value: T,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
  ) {}

  get = (): T => this.value;

  set(next: T): void {
    if (this.equals(this.value, next)) return;
    this.value = next;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  clear(): void {
    this.listeners.clear();
  }
}
