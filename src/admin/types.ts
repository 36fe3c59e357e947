/**
 * The core's only view of HTTP. Adapters (src/http) turn a socket request or a fetch `Request`
 * into an AdminRequest, call `handle`, and write the AdminResponse back unchanged.
 */
export interface AdminRequest {
  /** Upper-case method as sent (`GET`, `POST`, even nonsense verbs such as `GEEEET`). */
  method: string;
  /** Raw path as sent, still percent-encoded, without the query string (`/services/my%20svc`). */
  path: string;
  /** Raw query string without the leading `?` (`size=2&tags=a,b`), or `''`. */
  query: string;
  /** Header names lower-cased. Repeated headers are joined as Node does (`, `) except content-type, kept as an array when repeated. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw request body bytes, or null when the request had none. */
  body: Uint8Array | null;
}

export interface AdminResponse {
  status: number;
  /** Header names as Kong writes them (`Content-Type`, `Access-Control-Allow-Origin`, …). */
  headers: Record<string, string>;
  /** The serialised body (JSON text for JSON responses), or '' for none (204, HEAD, 415). */
  body: string;
  /**
   * Set by an injected fault: no answer at all. `drop` closes the connection, `reset` resets it
   * (TCP RST); a fetch client sees a network error either way.
   */
  abort?: 'drop' | 'reset';
}

/** One mock instance: owns its store. Tests and parallel servers never share state. */
export interface AdminHandler {
  handle(req: AdminRequest): AdminResponse | Promise<AdminResponse>;
  /** Whether a path is one of the server's routes (any method); adapters that can leave other paths to someone else ask. */
  hasRoute?(path: string): boolean;
}
