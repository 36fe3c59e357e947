/**
 * The request journal: the Admin API requests a mock answered and its answers, newest last, in a
 * ring buffer of bounded size, so a test can check what a client sent.
 */
export interface JournalEntry {
  /** Order of arrival since the mock started (not reset by `clear`). */
  seq: number;
  /** When the request arrived, on the mock's clock (ms since the epoch). */
  time: number;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** The request body: parsed JSON when it is JSON, else its text, or null when there was none. */
  body: unknown;
  status: number;
  /** The answer's body: parsed JSON when it is JSON, else its text ('' for none). */
  response: unknown;
  /** Milliseconds the mock took to answer, injected latency included. */
  duration: number;
}

export interface JournalFilter {
  method?: string;
  /** A path exactly, or a pattern with `*` standing for any characters (`/services/*`). */
  path?: string;
  status?: number;
}

export const DEFAULT_JOURNAL_SIZE = 1000;

type RawBody = Uint8Array | string | null;

/** An entry as kept: the bodies as they were sent, parsed only when someone lists them. */
type KeptEntry = Omit<JournalEntry, 'body' | 'response'> & { body: RawBody; response: RawBody };

export class RequestJournal {
  private entries: KeptEntry[] = [];
  /** Index of the oldest entry once the buffer is full. */
  private start = 0;
  private seq = 0;

  constructor(private capacity = DEFAULT_JOURNAL_SIZE) {}

  get size(): number {
    return this.capacity;
  }

  /** Changes the bound; the newest entries that fit are kept. */
  resize(capacity: number): void {
    const kept = this.ordered().slice(-capacity);
    this.capacity = capacity;
    this.entries = capacity > 0 ? kept : [];
    this.start = 0;
  }

  /** Keeps one answered request; `response` is null when the connection was dropped instead. */
  record(entry: Omit<KeptEntry, 'seq'>): void {
    if (this.capacity <= 0) return;
    const full = { seq: ++this.seq, ...entry };
    if (this.entries.length < this.capacity) {
      this.entries.push(full);
      return;
    }
    this.entries[this.start] = full;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Entries oldest first, those that match every given filter. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const path = filter.path === undefined ? undefined : pathMatcher(filter.path);
    const method = filter.method?.toUpperCase();
    return this.ordered()
      .filter((e) => (method === undefined || e.method === method) && (path === undefined || path.test(e.path)) && (filter.status === undefined || e.status === filter.status))
      .map((e) => ({ ...e, body: journalBody(e.body), response: journalBody(e.response) }));
  }

  private ordered(): KeptEntry[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
  }
}

/** A path pattern: `*` matches any run of characters, everything else itself. */
export function pathMatcher(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

const decoder = new TextDecoder();

/** A body as the journal keeps it: JSON parsed when it parses, else the text. */
function journalBody(bytes: RawBody): unknown {
  if (bytes === null) return null;
  const text = typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  if (text === '') return typeof bytes === 'string' ? '' : null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
