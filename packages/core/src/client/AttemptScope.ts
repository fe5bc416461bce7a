/**
 * The time one attempt may take, from waiting for a token and for the rate limiter to the last byte
 * of the body: one signal that fires on the caller's abort or when `timeoutMs` has passed.
 */
export class AttemptScope {
  readonly signal: AbortSignal;
  #timedOut = false;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #caller: AbortSignal | undefined;
  readonly #onAbort = () => this.#controller.abort(this.#caller?.reason);

  constructor(caller: AbortSignal | undefined, timeoutMs: number) {
    this.#caller = caller;
    this.signal = this.#controller.signal;
    caller?.addEventListener('abort', this.#onAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  }

  /** True once `timeoutMs` passed (and not the caller's abort). */
  get timedOut(): boolean {
    return this.#timedOut && !this.#caller?.aborted;
  }

  /** Settles with `work`, or rejects with the abort reason if the scope ends first. */
  race<T>(work: Promise<T> | T): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener('abort', onAbort, { once: true });
      Promise.resolve(work).then(
        (value) => {
          this.signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Ends the scope: stops the timer and, when given a reason, aborts what still runs under it. */
  end(reason?: unknown): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onAbort);
    if (reason !== undefined && !this.signal.aborted) this.#controller.abort(reason);
  }
}
