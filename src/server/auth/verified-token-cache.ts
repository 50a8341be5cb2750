/**
 * Verified tokens remembered by their text, so a caller sending the same token with every request
 * pays for one verification (an HMAC or a signature check, and a hop to the crypto thread pool)
 * instead of one per request. Bounded by bytes, not by count (a client chooses how long its tokens
 * are), least recently used first out; an entry is dropped at its token's `exp`, so an expired
 * token is verified again — and refused. Only tokens that verified are kept; a refused one is
 * checked every time it comes.
 */

interface Entry<V> {
  value: V;
  /** `Date.now()` from which the token no longer counts as verified. */
  expiresAt: number;
  bytes: number;
}

/** What one entry costs besides its token and value (map slot, entry object): an estimate. */
const ENTRY_OVERHEAD_BYTES = 160;

/** A least-recently-used map from token text to what it verified to, bounded by bytes. */
export class VerifiedTokenCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** What `token` verified to, unless it is unknown or its `exp` has passed at `now`. */
  get(token: string, now: number): V | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    if (now >= entry.expiresAt) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(token, entry);
    return entry.value;
  }

  /**
   * Remembers that `token` verified to `value` until `expiresAt` (ms); `valueBytes` estimates the
   * value's size. An entry larger than the whole budget is not kept.
   */
  set(token: string, value: V, expiresAt: number, valueBytes: number): void {
    const bytes = token.length * 2 + valueBytes + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.maxBytes) return;
    const known = this.entries.get(token);
    if (known) {
      this.entries.delete(token);
      this.bytes -= known.bytes;
    }
    this.entries.set(token, { value, expiresAt, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  /** Bytes held (estimated). */
  get size(): number {
    return this.bytes;
  }
}
