import { describe, expect, it } from "vitest";
import { OutputTail } from "../../engine/tools/output-tail.js";

describe("OutputTail", () => {
  it("keeps everything under the caps", () => {
    const tail = new OutputTail(100, 10);
    tail.push("a\n");
    tail.push("b\n");
    expect(tail.result()).toEqual({ text: "a\nb\n", droppedBytes: 0, droppedLines: 0, totalBytes: 4 });
  });

  it("keeps the last lines when there are too many", () => {
    const tail = new OutputTail(100, 2);
    tail.push("1\n2\n3\n4\n");
    expect(tail.result()).toEqual({ text: "3\n4\n", droppedBytes: 4, droppedLines: 2, totalBytes: 8 });
  });

  it("starts on a whole line after cutting by bytes", () => {
    const tail = new OutputTail(8, 100);
    tail.push("aaaa\nbbbb\ncccc\n");
    expect(tail.result()).toEqual({ text: "cccc\n", droppedBytes: 10, droppedLines: 2, totalBytes: 15 });
  });

  it("never splits a multi-byte character", () => {
    const tail = new OutputTail(5, 100);
    tail.push("ééééé");
    expect(tail.result()).toEqual({ text: "éé", droppedBytes: 6, droppedLines: 0, totalBytes: 10 });
  });

  it("stays bounded while a large stream arrives in small chunks", () => {
    const tail = new OutputTail(1000, 1_000_000);
    for (let i = 0; i < 100_000; i++) tail.push(`${i}\n`);
    const out = tail.result();
    expect(out.text.endsWith("99999\n")).toBe(true);
    expect(Buffer.byteLength(out.text)).toBeLessThanOrEqual(1000);
    expect(out.droppedBytes + Buffer.byteLength(out.text)).toBe(out.totalBytes);
    expect(out.droppedLines + out.text.split("\n").length - 1).toBe(100_000);
  });
});
