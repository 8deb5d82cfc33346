/**
 * Whole CodeSystems (`GET /fhir/CodeSystem/{id}?_summary=false`: every concept of a release, ~8
 * MB of JSON for a recent one, ~160 ms of one core to build) are built once per release and data
 * version and kept as bytes, per content coding, so that sending one costs a socket write, not a
 * build: 20 connections downloading them, each built anew, starve every other client (plain
 * lookups time out at 10 s). What is still built per request (a read with `_elements` naming
 * concepts, a search page with concepts, a whole CodeSystem not kept yet or any more) is limited
 * to a few builds a second; past that the answer is 503 with Retry-After (RFC 9110 §15.6.4), an
 * OperationOutcome `throttled` under /fhir, and the cheap requests go on being answered.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { codeSystemShape, readCodeSystem } from '../../../fhir/code-system-search.js';
import type { HcpcsStore, ReleaseInfo } from '../../../store/store.js';
import type { ContentCoding } from '../../http/compression.js';
import { HttpError } from '../../http/http-error.js';
import { DEFAULT_LIMITS } from '../../http/security.js';

/** Memory for kept whole CodeSystems (bytes of every coding kept): about five recent releases. */
export const DEFAULT_WHOLE_CODE_SYSTEM_BYTES = 48 * 1_048_576;
const WINDOW_MS = 1_000;

/**
 * At most `perSecond` costly builds in any second (a sliding window of their start times); one
 * more is refused with 503 and the seconds to wait. Builds run on the one JavaScript thread, so a
 * limit on how many run at once would limit nothing: the time they take is what starves others.
 */
export class BuildBudget {
  readonly #perSecond: number;
  readonly #now: () => number;
  readonly #starts: number[] = [];

  constructor(perSecond: number, now: () => number = Date.now) {
    this.#perSecond = perSecond;
    this.#now = now;
  }

  /** Takes one build from the budget, or throws a 503 HttpError with Retry-After. */
  spend(what: string): void {
    const now = this.#now();
    while (this.#starts.length > 0 && (this.#starts[0] as number) <= now - WINDOW_MS) this.#starts.shift();
    if (this.#starts.length >= this.#perSecond) {
      const wait = Math.max(1, Math.ceil(((this.#starts[0] ?? now) + WINDOW_MS - now) / 1_000));
      throw new HttpError(
        503,
        `${what} is built for each request that asks for it, and at most ${this.#perSecond} are built a second: retry after ${wait} s (whole CodeSystems, _summary=false, are kept once built)`,
        { 'Retry-After': String(wait) },
      );
    }
    this.#starts.push(now);
  }
}

export interface WholeCodeSystemOptions {
  /** Memory for kept whole CodeSystems (default {@link DEFAULT_WHOLE_CODE_SYSTEM_BYTES}). */
  readonly maxBytes?: number;
  /** Costly builds a second (default: {@link DEFAULT_LIMITS}.costlyBuildsPerSecond). */
  readonly buildsPerSecond?: number;
  /** The clock of the build budget (tests). */
  readonly now?: () => number;
}

/** The bytes of an answer and the content coding they are in (undefined: identity). */
export interface CodedBody {
  readonly bytes: Buffer<ArrayBuffer>;
  readonly coding: ContentCoding | undefined;
}

const ENCODERS: Record<ContentCoding, (bytes: Buffer) => Buffer<ArrayBuffer>> = {
  gzip: (bytes) => gzipSync(bytes),
  deflate: (bytes) => deflateSync(bytes),
};

/**
 * The CodeSystems with concepts of a store: whole ones kept (least recently used out first,
 * bounded in bytes), emptied when the data version changes; every build within one budget.
 * @example new WholeCodeSystems(store).read(release, { _summary: 'false' }, 'gzip').coding // 'gzip'
 */
export class WholeCodeSystems {
  readonly #store: HcpcsStore;
  readonly #maxBytes: number;
  readonly budget: BuildBudget;
  #version = '';
  #bytes = 0;
  /** `release key` -> JSON bytes per coding ('identity' for none). */
  readonly #kept = new Map<string, Map<string, Buffer<ArrayBuffer>>>();

  constructor(store: HcpcsStore, options: WholeCodeSystemOptions = {}) {
    this.#store = store;
    this.#maxBytes = options.maxBytes ?? DEFAULT_WHOLE_CODE_SYSTEM_BYTES;
    this.budget = new BuildBudget(
      options.buildsPerSecond ?? DEFAULT_LIMITS.costlyBuildsPerSecond,
      options.now,
    );
  }

  /** Bytes kept now (every coding of every release). */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * The JSON of a CodeSystem read that asks for concepts, in `coding` when given: a whole one from
   * the kept bytes (built and kept on first use), any other shape built now. Builds and codings
   * are taken from the budget.
   */
  read(
    release: ReleaseInfo,
    query: Readonly<Record<string, string>>,
    coding: ContentCoding | undefined,
  ): CodedBody {
    const what = `CodeSystem/${release.key} with its concepts`;
    if (!codeSystemShape(query).whole) {
      this.budget.spend(what);
      return {
        bytes: Buffer.from(JSON.stringify(readCodeSystem(this.#store, release, query))),
        coding: undefined,
      };
    }
    const version = this.#store.catalog().dataVersion;
    if (version !== this.#version) {
      this.#kept.clear();
      this.#bytes = 0;
      this.#version = version;
    }
    let codings = this.#kept.get(release.key);
    if (codings) {
      // Most recently used at the newest end of the map.
      this.#kept.delete(release.key);
      this.#kept.set(release.key, codings);
    } else {
      codings = new Map();
    }
    const name = coding ?? 'identity';
    const held = codings.get(name);
    if (held) return { bytes: held, coding };
    this.budget.spend(what);
    let json = codings.get('identity');
    if (!json) {
      json = Buffer.from(JSON.stringify(readCodeSystem(this.#store, release, { _summary: 'false' })));
      this.#keep(release.key, codings, 'identity', json);
    }
    if (coding === undefined) return { bytes: json, coding };
    const coded = ENCODERS[coding](json);
    this.#keep(release.key, codings, name, coded);
    return { bytes: coded, coding };
  }

  #keep(
    key: string,
    codings: Map<string, Buffer<ArrayBuffer>>,
    name: string,
    bytes: Buffer<ArrayBuffer>,
  ): void {
    if (bytes.byteLength > this.#maxBytes) return;
    codings.set(name, bytes);
    this.#kept.set(key, codings);
    this.#bytes += bytes.byteLength;
    for (const [oldest, held] of this.#kept) {
      if (this.#bytes <= this.#maxBytes) break;
      if (oldest === key) continue;
      for (const b of held.values()) this.#bytes -= b.byteLength;
      this.#kept.delete(oldest);
    }
  }
}
