/** The session cookie's name: the HTTP server marks responses to its holders no-store. */
export const SESSION_COOKIE = "portal_session";
