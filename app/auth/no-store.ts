import type { HeadersFunction } from "@remix-run/node";

/**
 * The headers of a page reached by a mailed link, which says whose link it is (an address, a name): no
 * browser, proxy or the shared cache of public pages (app/http/page-cache.ts) may keep it.
 */
export const noStoreHeaders: HeadersFunction = () => ({ "Cache-Control": "no-store" });
