import { describe, expect, it } from "vitest";
import { workerHeapArgs } from "./worker-heap";

describe("the heap limit of each worker", () => {
  it("is 256 MB unless configured", () => {
    expect(workerHeapArgs({}, [])).toEqual(["--max-old-space-size=256"]);
    expect(workerHeapArgs({ WORKER_HEAP_MB: "320" }, [])).toEqual(["--max-old-space-size=320"]);
  });

  it("is V8's own with WORKER_HEAP_MB=0 or a value that is not a number", () => {
    expect(workerHeapArgs({ WORKER_HEAP_MB: "0" }, [])).toEqual([]);
    expect(workerHeapArgs({ WORKER_HEAP_MB: "lots" }, [])).toEqual([]);
  });

  it("leaves a limit given to node itself alone", () => {
    expect(workerHeapArgs({ NODE_OPTIONS: "--max-old-space-size=1024" }, [])).toEqual([]);
    expect(workerHeapArgs({ WORKER_HEAP_MB: "200" }, ["--max-old-space-size=512"])).toEqual([]);
  });
});
