// Attachments through the multipart parser the routes use: a 100 MB upload is refused without the body
// ever being held in memory; a .pdf that is really HTML is refused; a good file is kept outside public/
// and served back as a download with the type its content showed.
import { unstable_parseMultipartFormData } from "@remix-run/node";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { attachmentResponse, attachmentUploadHandler, type StoredAttachment } from "../../app/domain/attachments/store.server";
import { BOUNDARY, multipartStream } from "./multipart";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "attachments-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

function upload(fileName: string, head: Uint8Array, fillBytes: number, extraFields: Record<string, string> = {}): Request {
  return new Request("http://localhost/upload", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: multipartStream(fileName, head, fillBytes, extraFields),
    duplex: "half",
  } as RequestInit);
}

const PDF_HEAD = new TextEncoder().encode("%PDF-1.7\n");

async function parse(request: Request, maxBytes = 20 * MB) {
  const form = await unstable_parseMultipartFormData(request, attachmentUploadHandler("file", { dir, maxBytes }));
  return { form, file: JSON.parse(String(form.get("file"))) as StoredAttachment & { refused?: string } };
}

describe("attachments", () => {
  it("refuses a 100 MB upload against a 20 MB limit, keeps nothing, and never holds the body in memory", async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const { form, file } = await parse(upload("大きな資料.pdf", PDF_HEAD, 100 * MB, { title: "提案" }));
    clearInterval(watch);
    expect(file.refused).toBe("ファイルが大きすぎます。20MB以下のファイルを選んでください。");
    expect(form.get("title")).toBe("提案");
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((peak - before) / MB).toBeLessThan(60);
  });

  it("refuses a .pdf that is really an HTML page", async () => {
    const html = new TextEncoder().encode("<!DOCTYPE html><html><script>alert(1)</script></html>");
    const { file } = await parse(upload("提案書.pdf", html, 0));
    expect(file.refused).toContain("中身がこれらのどれでもありません");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("keeps a real PDF under a random name outside public/ and serves it back as a download", async () => {
    const { file } = await parse(upload("事業計画書.pdf", PDF_HEAD, 3 * MB));
    expect(file).toMatchObject({ fileName: "事業計画書.pdf", mime: "application/pdf", size: PDF_HEAD.length + 3 * MB });
    expect(fs.readdirSync(dir)).toEqual([file.id]);
    const response = attachmentResponse(file, dir);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent("事業計画書.pdf")}`);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await response.arrayBuffer()).byteLength).toBe(file.size);
  });

  it("answers 404 for an id that is not a stored file, and never reads outside its folder", () => {
    expect(() => attachmentResponse({ id: "../../etc/passwd", fileName: "x.pdf", mime: "application/pdf", size: 1 }, dir)).toThrow();
    let thrown: unknown;
    try {
      attachmentResponse({ id: "00000000-0000-0000-0000-000000000000", fileName: "x.pdf", mime: "application/pdf", size: 1 }, dir);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response).status).toBe(404);
  });
});
