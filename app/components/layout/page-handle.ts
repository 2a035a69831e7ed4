import { useMatches } from "@remix-run/react";

/** What a route module may export as `handle` to shape the frame it is shown in. */
export interface PageHandle {
  /**
   * The page is a document a visitor only reads (a plan, its progress list): sent to someone not
   * signed in, it comes without the app's scripts and without its data repeated as JSON for them —
   * half the bytes of a long list, no hydration on an old PC. Its links and downloads work as plain
   * links. Signed-in users (whose session watch needs the scripts), and anyone who reaches the page by
   * a client-side navigation, get the page as every other.
   */
  documentForVisitors?: boolean;
}

/**
 * Whether this response goes without scripts: decided only while rendering on the server, so the
 * browser either hydrates the same markup (scripts were sent) or never runs React at all.
 */
export function useScriptless(signedIn: boolean): boolean {
  const matches = useMatches();
  if (typeof document !== "undefined" || signedIn) return false;
  return matches.some((match) => (match.handle as PageHandle | undefined)?.documentForVisitors === true);
}
