import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressPieces, gzipBody } from "./page-cache";

/** What a browser gets: the pieces compressed once, this response's values put between them. */
function roundTrip(pieces: string[], values: string[]): string {
  const text = pieces.map((piece) => Buffer.from(piece, "utf8"));
  return zlib.gunzipSync(gzipBody(text, compressPieces(text), values.map((value) => Buffer.from(value, "utf8")))).toString("utf8");
}

describe("a cached page gzip-compressed around its per-response values", () => {
  it("decompresses to the page with this response's nonce and request id in place", () => {
    const page = `<!DOCTYPE html><html lang="ja"><body>${"<p>令和9年度 協働事業提案</p>".repeat(500)}<script nonce="`;
    expect(roundTrip([page, `">x</script><script nonce="`, `"></script><!-- `, " --></body></html>"], ["n0NcE+/=", "n0NcE+/=", "3f2a9c"])).toBe(
      `${page}n0NcE+/=">x</script><script nonce="n0NcE+/="></script><!-- 3f2a9c --></body></html>`,
    );
  });

  it("keeps the checksum right when pieces are empty (values side by side, or at either end)", () => {
    expect(roundTrip(["", "", "あ".repeat(3000), ""], ["a", "b", "c"])).toBe(`ab${"あ".repeat(3000)}c`);
    expect(roundTrip(["whole page, nothing per response"], [])).toBe("whole page, nothing per response");
  });
});
