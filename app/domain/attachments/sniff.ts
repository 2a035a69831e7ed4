// What a file really is, read from its first bytes, not from its name: a ".pdf" that is an HTML page is
// refused, and the type an attachment is served with is the one its content shows.

export interface AttachmentType {
  /** What the page says: 「PDF」「画像（PNG）」「Word 文書」 … */
  label: string;
  mime: string;
  /** The extensions a file of this content may carry. */
  extensions: string[];
}

const PDF: AttachmentType = { label: "PDF", mime: "application/pdf", extensions: ["pdf"] };
const PNG: AttachmentType = { label: "画像（PNG）", mime: "image/png", extensions: ["png"] };
const JPEG: AttachmentType = { label: "画像（JPEG）", mime: "image/jpeg", extensions: ["jpg", "jpeg"] };
const GIF: AttachmentType = { label: "画像（GIF）", mime: "image/gif", extensions: ["gif"] };
const WEBP: AttachmentType = { label: "画像（WebP）", mime: "image/webp", extensions: ["webp"] };
const DOCX: AttachmentType = { label: "Word 文書", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] };
const XLSX: AttachmentType = { label: "Excel ブック", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] };
const PPTX: AttachmentType = { label: "PowerPoint プレゼンテーション", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] };
/** Office 97–2003 files share one container format; the extension says which program. */
const LEGACY_OFFICE: Record<string, AttachmentType> = {
  doc: { label: "Word 文書（旧形式）", mime: "application/msword", extensions: ["doc"] },
  xls: { label: "Excel ブック（旧形式）", mime: "application/vnd.ms-excel", extensions: ["xls"] },
  ppt: { label: "PowerPoint（旧形式）", mime: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
};

/** How many leading bytes `sniffAttachment` needs (an Office file names its parts near the start). */
export const SNIFF_BYTES = 64 * 1024;

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return match ? match[1].toLowerCase() : "";
}

/** The type the first bytes show, or null for anything that is not a PDF, an image or an Office file. */
export function sniffAttachment(head: Uint8Array, fileName: string): AttachmentType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return GIF; // GIF8
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return WEBP; // RIFF....WEBP
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: an Office file lists [Content_Types].xml and its program's folder among its first entries.
    const names = ascii(head);
    if (!names.includes("[Content_Types].xml")) return null;
    if (names.includes("word/")) return DOCX;
    if (names.includes("xl/")) return XLSX;
    if (names.includes("ppt/")) return PPTX;
    return null;
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return LEGACY_OFFICE[extensionOf(fileName)] ?? null;
  return null;
}

/**
 * Why a file cannot be attached, in Japanese, or null when it can: its content must be a known type and
 * its name must not claim another one.
 */
export function attachmentProblem(type: AttachmentType | null, fileName: string): string | null {
  if (!type) return "添付できるのは PDF・画像（PNG・JPEG・GIF・WebP）・Word・Excel・PowerPoint のファイルです。ファイルの中身がこれらのどれでもありません。";
  const extension = extensionOf(fileName);
  if (!type.extensions.includes(extension)) {
    return `ファイル名（.${extension || "拡張子なし"}）と中身（${type.label}）が一致しません。正しいファイルを選んでください。`;
  }
  return null;
}
