// Download responses: Content-Disposition with an ASCII fallback name and the Japanese one in RFC 5987
// form (filename*=UTF-8''…), which every current browser prefers.

/** `attachment; filename="shiroi-progress.xlsx"; filename*=UTF-8''%E7%99%BD…` */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name without characters Windows or the header cannot carry. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n\t]+/g, "_").slice(0, 120);
}
