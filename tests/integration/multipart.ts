// A multipart body made as it is read: fields, then one file part of `head` followed by `fillBytes`
// zero bytes — so a test can send 100 MB without holding it (chunked, no Content-Length).
const MB = 1024 * 1024;
export const BOUNDARY = "----portal-test-boundary";

export function multipartStream(fileName: string, head: Uint8Array, fillBytes: number, extraFields: Record<string, string> = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const fields = Object.entries(extraFields)
    .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("");
  const opening = encoder.encode(
    `${fields}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const closing = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  let sent = 0;
  const chunk = new Uint8Array(MB);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(opening);
      controller.enqueue(head);
    },
    pull(controller) {
      if (sent >= fillBytes) {
        controller.enqueue(closing);
        controller.close();
        return;
      }
      const size = Math.min(MB, fillBytes - sent);
      sent += size;
      controller.enqueue(size === MB ? chunk : chunk.slice(0, size));
    },
  });
}
