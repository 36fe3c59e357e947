/**
 * The mock's clock, which a test can stop and move: ttl expiry of key-auth credentials, log-level
 * timeouts and `created_at`/`updated_at` all read it. Left alone it is the source it wraps.
 */
export interface ClockState {
  /** Milliseconds since the epoch, as the mock sees them now. */
  now: number;
  frozen: boolean;
}

export class MockClock {
  /** What is added to the source's time (the sum of every `advance`). */
  private offset = 0;
  private frozenAt: number | undefined;

  constructor(private readonly source: () => number = Date.now) {}

  /** Bound, so it can be handed around as a plain `() => number`. */
  readonly now = (): number => this.frozenAt ?? this.source() + this.offset;

  /** Stops time at `at` (ms since the epoch), or where it is now. */
  freeze(at?: number): void {
    this.frozenAt = at ?? this.now();
  }

  /** Moves time forward (or back, with a negative `ms`), frozen or not. */
  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
  }

  /** Lets time run again from where it stands. */
  resume(): void {
    if (this.frozenAt === undefined) return;
    this.offset = this.frozenAt - this.source();
    this.frozenAt = undefined;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  state(): ClockState {
    return { now: this.now(), frozen: this.frozen };
  }
}
