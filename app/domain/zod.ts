// zod with Japanese default messages; every schema imports z from here. Browser-safe.
import { z } from "zod";

z.config(z.locales.ja());

export { z };

/** A list's page number from the address (?page=N): anything else is the first page. */
const pageNumberSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page of a list the request's address asks for (`?page=N`). */
export function requestedPage(request: Request): number {
  return pageNumberSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
}
