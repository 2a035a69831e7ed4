// Every action reads its posted form here: the text of each field arrives without control characters
// (NUL, escape sequences, C1) or bidirectional overrides, which no field of the portal means to hold and
// which PostgreSQL refuses (NUL) — tabs and line breaks stay. Files pass through untouched.

const UNWANTED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(value: string): string {
  return value.replace(UNWANTED, "");
}

/** The request's form with every text value cleaned (see above). */
export async function readForm(request: Request): Promise<FormData> {
  const form = await request.formData();
  const cleaned = new FormData();
  for (const [name, value] of form) cleaned.append(cleanText(name), typeof value === "string" ? cleanText(value) : value);
  return cleaned;
}
