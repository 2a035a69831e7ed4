// What changed between two submitted versions of a proposal, field by field and line by line (a line is
// a paragraph in a textarea). Longest common subsequence over lines: fields are at most a few thousand
// characters, so the quadratic table is small. Pure, dependency-free and browser-safe.

export type DiffLineKind = "unchanged" | "added" | "removed";

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

export interface FieldDiff {
  field: string;
  /** The field's label when one was given, else the field's key. */
  label: string;
  changed: boolean;
  lines: DiffLine[];
}

/** "a\r\nb\n" → ["a", "b"]; an empty text has no lines (so adding a first paragraph is one added line). */
export function splitLines(text: string | null | undefined): string[] {
  if (!text) return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Line diff of two texts; removed lines come before the added lines that replace them. */
export function diffLines(before: string | null | undefined, after: string | null | undefined): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // Common prefix and suffix first: most revisions touch a few paragraphs of a long field.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // lcs[i][j] = length of the longest common subsequence of midA[i..] and midB[j..].
  const lcs: number[][] = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }

  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      middle.push({ kind: "unchanged", text: midA[i] });
      i++;
      j++;
    } else if (j >= midB.length || (i < midA.length && lcs[i + 1][j] >= lcs[i][j + 1])) {
      middle.push({ kind: "removed", text: midA[i] });
      i++;
    } else {
      middle.push({ kind: "added", text: midB[j] });
      j++;
    }
  }

  return [
    ...a.slice(0, start).map((text): DiffLine => ({ kind: "unchanged", text })),
    ...middle,
    ...a.slice(endA).map((text): DiffLine => ({ kind: "unchanged", text })),
  ];
}

/**
 * Field-by-field diff of two versions' text fields, in the order of `labels` when given (the form's
 * order), then any other field in the order it first appears. A field missing on one side counts as empty.
 */
export function diffFields(
  before: Readonly<Record<string, string | null | undefined>>,
  after: Readonly<Record<string, string | null | undefined>>,
  labels: Readonly<Record<string, string>> = {},
): FieldDiff[] {
  const fields = [...new Set([...Object.keys(labels), ...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => {
    const lines = diffLines(before[field], after[field]);
    return {
      field,
      label: labels[field] ?? field,
      changed: lines.some((line) => line.kind !== "unchanged"),
      lines,
    };
  });
}
