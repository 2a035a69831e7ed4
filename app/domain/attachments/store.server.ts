// Attachments on disk, outside public/: an upload is streamed to a temporary file with a byte limit (the
// body is never held in memory), its type is read from its first bytes, and only then is it kept under a
// random name. Downloads are served as attachments, with the type the content showed.
import { createReadableStreamFromReadable, type UploadHandler } from "@remix-run/node";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import path from "node:path";
import { formatFileSize } from "../number-format";
import { contentDisposition, safeFileName } from "./download";
import { attachmentProblem, extensionOf, sniffAttachment, SNIFF_BYTES } from "./sniff";

/** What the caller keeps in its own table to find and serve the file again. */
export interface StoredAttachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

/** Refusals the page shows beside the file field. */
export class AttachmentRefusedError extends Error {}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** The largest attachment as the pages state it (「20MB」). */
export const ATTACHMENT_MAX_SIZE = formatFileSize(DEFAULT_MAX_BYTES);

/** The refusal of a file over `maxBytes`, beside the file field. */
export const tooLargeMessage = (maxBytes = DEFAULT_MAX_BYTES) => `ファイルが大きすぎます。${formatFileSize(maxBytes)}以下のファイルを選んでください。`;

/**
 * Whether an upload announces (Content-Length) more than one attachment and its form's other fields
 * (64 KB) can be: refused before a byte of it is read.
 */
export const announcesTooLarge = (request: Request) => Number(request.headers.get("Content-Length") ?? 0) > DEFAULT_MAX_BYTES + 64 * 1024;

/** Where attachments live: ATTACHMENTS_DIR, or data/attachments beside the database. */
export function attachmentsDir(): string {
  return path.resolve(process.env.ATTACHMENTS_DIR ?? "data/attachments");
}

function filePath(dir: string, id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AttachmentRefusedError("添付ファイルが見つかりません。");
  return path.join(dir, id);
}

/** Streams one upload to disk; refuses (and removes) it when too large or not a known type. */
export async function storeAttachment(
  data: AsyncIterable<Uint8Array>,
  fileName: string,
  { dir = attachmentsDir(), maxBytes = DEFAULT_MAX_BYTES }: { dir?: string; maxBytes?: number } = {},
): Promise<StoredAttachment> {
  fs.mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const temporary = path.join(dir, `${id}.part`);
  const out = fs.createWriteStream(temporary, { flags: "wx" });
  const hash = createHash("sha256");
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let size = 0;
  let tooLarge = false;
  // The stream's errors are ours to throw, in order: one left without a listener (a write still in
  // flight when a too-large upload destroys the stream) would end the whole server process.
  let writeError: Error | null = null;
  out.on("error", (error) => {
    if (!tooLarge) writeError ??= error;
  });
  try {
    for await (const chunk of data) {
      size += chunk.byteLength;
      // Past the limit the rest is read and dropped: a part left unread would be buffered by the parser.
      if (tooLarge) continue;
      if (size > maxBytes) {
        tooLarge = true;
        out.destroy();
        continue;
      }
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk.slice(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(chunk.byteLength, SNIFF_BYTES - headBytes);
      }
      hash.update(chunk);
      if (writeError) throw writeError;
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (tooLarge) throw new AttachmentRefusedError(tooLargeMessage(maxBytes));
    if (writeError) throw writeError;
    out.end();
    await finished(out);
    const type = sniffAttachment(Buffer.concat(head), fileName);
    const problem = size === 0 ? "空のファイルは添付できません。" : attachmentProblem(type, fileName);
    if (problem) throw new AttachmentRefusedError(problem);
    fs.renameSync(temporary, filePath(dir, id));
    return { id, fileName: safeFileName(fileName), mime: type!.mime, size, sha256: hash.digest("hex") };
  } catch (error) {
    out.destroy();
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * An upload handler for `unstable_parseMultipartFormData`: the file field named `field` is stored and
 * comes back as the JSON of its StoredAttachment; a refusal comes back as `{"refused": "…"}` so the
 * action can show it beside the field; other fields are read as text (small).
 */
export function attachmentUploadHandler(field: string, options: { dir?: string; maxBytes?: number } = {}): UploadHandler {
  return async ({ name, filename, data }) => {
    if (name !== field) {
      if (filename) return undefined; // a file in another field: not read
      let text = "";
      const decoder = new TextDecoder();
      for await (const chunk of data) {
        text += decoder.decode(chunk, { stream: true });
        if (text.length > 100_000) throw new AttachmentRefusedError("送信された項目が長すぎます。");
      }
      return text + decoder.decode();
    }
    // Only an upload fills the file field: text posing as it (forged JSON naming another's stored file)
    // is dropped unread, so the action never takes a stored file's id from the client.
    if (!filename) return undefined;
    try {
      return JSON.stringify(await storeAttachment(data, filename, options));
    } catch (error) {
      if (error instanceof AttachmentRefusedError) return JSON.stringify({ refused: error.message });
      throw error;
    }
  };
}

/** The stored file as a download: always an attachment, with the sniffed type and no sniffing by the browser. */
export function attachmentResponse(attachment: Pick<StoredAttachment, "id" | "fileName" | "mime" | "size">, dir = attachmentsDir()): Response {
  const file = filePath(dir, attachment.id);
  if (!fs.existsSync(file)) throw new Response("添付ファイルが見つかりません。", { status: 404 });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      "Content-Type": attachment.mime,
      "Content-Length": String(attachment.size),
      "Content-Disposition": contentDisposition(attachment.fileName, `attachment.${extensionOf(attachment.fileName) || "bin"}`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** Removes a stored file (when its record is deleted). */
export function removeAttachment(id: string, dir = attachmentsDir()): void {
  fs.rmSync(filePath(dir, id), { force: true });
}
