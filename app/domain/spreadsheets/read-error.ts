// The one refusal of the spreadsheet reader (no dependencies, so parsers that run anywhere can throw it).

/**
 * A file that cannot be read as what it plainly is — text cut inside a character, a quoted cell never
 * closed, an xlsx that does not open — with the 1-based line (or sheet row) where reading stopped and
 * a message in Japanese that says what to check. Each area turns it into its own refusal.
 */
export class SpreadsheetReadError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "SpreadsheetReadError";
  }
}
