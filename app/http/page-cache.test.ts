import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressPieces, gzipBody, sharedReads } from "./page-cache";

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

describe("the content version read once for the requests that come while it runs", () => {
  it("shares a read among those who came before it began, and starts the next for those who came after", async () => {
    const reads: ((version: number) => void)[] = [];
    const read = sharedReads(() => new Promise<number>((resolve) => reads.push(resolve)));
    const first = read();
    const [second, third] = [read(), read()]; // came while the first read ran: they wait for the next
    expect(reads).toHaveLength(1);
    reads[0](1); // a change commits now, between the two reads
    expect(await first).toBe(1);
    await Promise.resolve();
    expect(reads).toHaveLength(2);
    reads[1](2);
    expect([await second, await third]).toEqual([2, 2]);
    const fourth = read(); // nothing running: a read of its own
    expect(reads).toHaveLength(3);
    reads[2](3);
    expect(await fourth).toBe(3);
  });

  it("passes a failed read to those sharing it, and reads afresh after", async () => {
    let fail = true;
    const read = sharedReads(async () => {
      if (fail) throw new Error("database unavailable");
      return 7;
    });
    await expect(read()).rejects.toThrow("database unavailable");
    fail = false;
    expect(await read()).toBe(7);
  });
});
