// Download responses: Content-Disposition with an ASCII fallback name and the Japanese one in RFC 5987
// form (filename*=UTF-8''…), which every current browser prefers.

/** `attachment; filename="shiroi-progress.xlsx"; filename*=UTF-8''%E7%99%BD…` */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const MAX_NAME = 120;

/**
 * A file name safe to store and serve: characters Windows or a header cannot carry become "_"; control
 * characters (C0, DEL, C1) and the bidirectional controls that make `gpj.exe` look like `exe.jpg` are
 * removed; a long name is cut to 120 characters keeping its extension.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[\\/:*?"<>|]+/g, "_")
    .trim();
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME) return cleaned || "file";
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return chars.slice(0, MAX_NAME - [...extension].length).join("") + extension;
}
