// The report page's action answer when it did not redirect, and reading it back into the forms: what was
// typed wins over what is stored, refusals go beside their fields.

export type ReportReply = { formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** What the field shows: what was just typed, else the stored value. */
export function typedOr(reply: ReportReply | undefined, name: string, fallback: string | number | undefined): string {
  return reply?.values?.[name] ?? (fallback === undefined ? "" : String(fallback));
}

export function errorsOf(reply: ReportReply | undefined, name: string): string[] | undefined {
  return reply?.fieldErrors?.[name];
}
