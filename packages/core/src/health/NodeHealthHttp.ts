/**
 * The parts of a Node `http.IncomingMessage` (or an Express request) that `toNodeHealthHandler`
 * reads. Written out here because core imports no `node:` module, not even for types.
 */
export interface NodeHealthRequest {
  /** The path and query, as Node gives it. */
  url?: string | undefined;
  /** Express keeps the full path here when a mount path has been stripped from `url`. */
  originalUrl?: string | undefined;
  /** The HTTP method. */
  method?: string | undefined;
  /** The request's headers, lower-cased. */
  headers: Record<string, string | string[] | undefined>;
  /** Read only for `encrypted` (a TLS socket), to give the `Request` an `https:` URL. */
  socket?: unknown;
}

/** The parts of a Node `http.ServerResponse` (or an Express response) that `toNodeHealthHandler` uses. */
export interface NodeHealthResponse {
  /** Sends the status and headers. */
  writeHead(statusCode: number, headers: Record<string, string | string[]>): unknown;
  /** `false` when the socket is full: nothing more is written until `'drain'`. */
  write(chunk: Uint8Array): boolean;
  /** Ends the response. */
  end(): unknown;
  /** Closes the socket: the only way to free one whose client stopped reading. */
  destroy(): unknown;
  /** Listens for the client going away, or the socket draining. */
  on(event: 'close' | 'drain', listener: () => void): unknown;
  /** Stops listening. */
  removeListener(event: 'close' | 'drain', listener: () => void): unknown;
  /** Whether the status and headers were sent already. */
  readonly headersSent?: boolean;
}
