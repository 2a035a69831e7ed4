// zod with Japanese default messages; every schema imports z from here. Browser-safe.
import { z } from "zod";

z.config(z.locales.ja());

export { z };

/** A list's page number from the address (?page=N): anything else is the first page. */
export const pageNumberSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page of a list the request's address asks for (`?page=N`, or another parameter's `name`). */
export function requestedPage(request: Request, name = "page"): number {
  return pageNumberSchema.parse(new URL(request.url).searchParams.get(name) ?? 1);
}

/** How long a free-text search may be: the search boxes' maxLength, and what the server accepts. */
export const SEARCH_QUERY_MAX_LENGTH = 100;

/**
 * A free-text search from the address (`?q=…`, `?sheetq=…`): trimmed; no search when it is missing, empty
 * or longer than SEARCH_QUERY_MAX_LENGTH (only a hand-made address is: the boxes stop there). Like the
 * page number, a bad one is ignored rather than refused.
 */
export const searchQuerySchema = z
  .string()
  .trim()
  .max(SEARCH_QUERY_MAX_LENGTH)
  .transform((q) => q || undefined)
  .optional()
  .catch(undefined);

/** The search in the query parameter `name` of the request's address (`searchQuerySchema`). */
export function requestedSearch(request: Request, name = "q"): string | undefined {
  return searchQuerySchema.parse(new URL(request.url).searchParams.get(name) ?? undefined);
}

/**
 * The value of the query parameter `name` when it is one of `choices` (`?stage=`, `?status=`); undefined
 * when it is missing or anything else, and the page shows its default — like a bad page number, a
 * hand-made value is ignored rather than refused.
 */
export function requestedChoice<const T extends string>(request: Request, name: string, choices: readonly T[]): T | undefined {
  return z
    .enum(choices)
    .optional()
    .catch(undefined)
    .parse(new URL(request.url).searchParams.get(name) ?? undefined);
}

/**
 * The text encoding of a CSV download (`?encoding=`): Shift_JIS for older Excel when asked by any of its
 * names (`sjis`, `shift_jis`, `shift-jis`, `cp932`, in any case), else UTF-8 (with the byte order mark).
 */
export const csvEncodingSchema = z
  .string()
  .regex(/^(sjis|shift_jis|shift-jis|cp932)$/i)
  .transform((): "utf-8" | "sjis" => "sjis")
  .catch("utf-8");

/** The CSV encoding the request's address asks for (`csvEncodingSchema`). */
export function requestedCsvEncoding(request: Request): "utf-8" | "sjis" {
  return csvEncodingSchema.parse(new URL(request.url).searchParams.get("encoding") ?? undefined);
}
