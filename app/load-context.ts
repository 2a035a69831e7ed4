// What the HTTP server hands every loader and action besides the request.
export interface PortalLoadContext {
  /** The nonce of this response's Content-Security-Policy, for the scripts Remix inlines. */
  cspNonce: string;
  /** Short id of this request: in the log beside an error, and on the error page. */
  requestId: string;
  /** The client's address (behind a proxy only when TRUST_PROXY is set). */
  clientAddress: string;
  /** This portal's own origin, e.g. http://localhost:3000, for links in e-mail. */
  origin: string;
  /** Adds a Set-Cookie header to the response, whatever the route ends up returning or throwing. */
  appendSetCookie(value: string): void;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PortalLoadContext {}
}
