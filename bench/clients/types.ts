import type { BenchKeys } from '../fixture';

/** What a client under test is given: the bench server's address and the run's keys. */
export interface ClientSetup {
  /** `http://127.0.0.1:<port>` */
  readonly baseURL: string;
  readonly keys: BenchKeys;
}

/** One call of the benchmark's POST; resolves to the verified, parsed answer. */
export type BenchCall = () => Promise<unknown>;

/** Builds a client once (keys parsed here) and returns its call. */
export type ClientFactory = (setup: ClientSetup) => BenchCall;
