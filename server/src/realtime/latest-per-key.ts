/**
 * At most one send per key per window, never losing the last: the first value goes at once, and
 * of a burst within the window only the latest goes, when the window ends. For pushes where only
 * the newest state matters (a case's row in everyone's case list), so a busy case costs one push
 * per window instead of one per change.
 */
export class LatestPerKey<T> {
  private readonly windows = new Map<string, { latest: T | undefined; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly send: (value: T) => void,
  ) {}

  offer(key: string, value: T): void {
    const window = this.windows.get(key);
    if (window) {
      window.latest = value;
      return;
    }
    this.send(value);
    this.open(key);
  }

  private open(key: string): void {
    const timer = setTimeout(() => {
      const latest = this.windows.get(key)?.latest;
      this.windows.delete(key);
      if (latest === undefined) return;
      this.send(latest);
      this.open(key);
    }, this.windowMs);
    this.windows.set(key, { latest: undefined, timer });
  }

  /** Send what is still waiting, now, and stop. */
  flush(): void {
    for (const [key, { latest, timer }] of this.windows) {
      clearTimeout(timer);
      this.windows.delete(key);
      if (latest !== undefined) this.send(latest);
    }
  }
}
