// The accounts area's one refusal: the use cases (commands.server.ts) and the second step
// (two-factor.server.ts) both throw it, so it lives apart from either to keep them free of a cycle.

/** A refusal the page shows: `reason` above the form, `problems` beside the fields, `status` the HTTP answer. */
export class AccountRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly problems: Record<string, string[]> = {},
    readonly status = 400,
  ) {
    super(reason);
  }
}
