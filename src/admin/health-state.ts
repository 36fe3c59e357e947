/**
 * Health marks set through `PUT …/targets/{t}[/{address}]/healthy|unhealthy`, kept per target and
 * per address, and read back by `GET /upstreams/{u}/health`.
 */
export type HealthMark = 'HEALTHY' | 'UNHEALTHY';

export class HealthState {
  private readonly marks = new Map<string, HealthMark>();

  private static key(targetId: string, address?: string): string {
    return address === undefined ? targetId : `${targetId}|${address}`;
  }

  set(targetId: string, mark: HealthMark, address?: string): void {
    this.marks.set(HealthState.key(targetId, address), mark);
  }

  get(targetId: string, address?: string): HealthMark | undefined {
    return this.marks.get(HealthState.key(targetId, address)) ?? (address !== undefined ? this.marks.get(targetId) : undefined);
  }

  forget(targetId: string): void {
    for (const key of [...this.marks.keys()]) if (key === targetId || key.startsWith(`${targetId}|`)) this.marks.delete(key);
  }

  clear(): void {
    this.marks.clear();
  }

  /** Every mark with its key, to keep in a snapshot. */
  entries(): [string, HealthMark][] {
    return [...this.marks];
  }

  /** Puts back the marks `entries` gave. */
  replaceWith(entries: Iterable<[string, HealthMark]>): void {
    this.marks.clear();
    for (const [key, mark] of entries) this.marks.set(key, mark);
  }
}
