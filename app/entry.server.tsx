import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./components/layout/nonce";
import { getDb } from "./db.server";
import { warmSuggestionIndexes } from "./domain/matching/suggestions.server";

// Pages are rendered to a string, not streamed: we use no deferred data, and React 18's streaming
// renderer was seen inserting NUL bytes into Japanese text of action responses here (see docs/decisions).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const markup = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { status: responseStatusCode, headers: responseHeaders });
}

/** An error in a loader, action or render: to the log with the request's id (the page shows the id only). */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  console.error(`[request ${(context as AppLoadContext).requestId ?? "?"}] ${request.method} ${new URL(request.url).pathname}`, error);
};

/**
 * Work a server process does once it listens, so that no person's first request waits for it: the
 * matching indexes (3–5 s on ten years of a big city's data, docs/decisions/0015). Exported here because
 * only the build's own copy of a module holds the caches its routes use.
 */
export async function warmUp(): Promise<void> {
  await warmSuggestionIndexes(getDb());
}
