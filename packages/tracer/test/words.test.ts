// The recorder's inlined copies of other packages' numbers (src/internal/words.ts) agree with them.
import {
  DependencyKind,
  EXIT_WORDS,
  ExitKind,
  ExitWord,
  UOP_WORDS,
  UopWord,
} from "@skein/bytecode";
import { OB_TYPE } from "@skein/gc";
import { frameLayout } from "@skein/interp";
import { layout } from "@skein/objects";
import { describe, expect, it } from "vitest";
import { Dep, Exit, ExitW, Layout, UopW } from "../src/internal/words.js";

/** The members of a numeric TypeScript enum, without its reverse mapping. */
function members(e: object): Record<string, number> {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === "number"));
}

describe("the recorder's copies of other packages' numbers", () => {
  it("match the trace words of @skein/bytecode", () => {
    expect(members(UopW)).toEqual({ size: UOP_WORDS, ...pick(UopWord, members(UopW)) });
    expect(members(ExitW)).toEqual({ size: EXIT_WORDS, ...pick(ExitWord, members(ExitW)) });
    expect(members(Exit)).toEqual({ ...ExitKind });
    expect(members(Dep)).toEqual({ ...DependencyKind });
  });

  it("match the frame and object layouts", () => {
    const source: Record<string, number> = {
      FRAME_CODE: frameLayout.FRAME_CODE,
      FRAME_PREVIOUS: frameLayout.FRAME_PREVIOUS,
      FRAME_GLOBALS: frameLayout.FRAME_GLOBALS,
      FRAME_BUILTINS: frameLayout.FRAME_BUILTINS,
      FRAME_IP: frameLayout.FRAME_IP,
      OB_TYPE,
      TYPE_VERSION: layout.TYPE_VERSION,
      TYPE_FLAGS: layout.TYPE_FLAGS,
      TPFLAGS_HEAPTYPE: layout.TPFLAGS_HEAPTYPE,
    };
    expect(members(Layout)).toEqual(source);
  });
});

/** The entries of `from` named like those of `like` (but `size`). */
function pick(from: Record<string, number>, like: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.keys(like)
      .filter((k) => k !== "size")
      .map((k) => [k, from[k]!]),
  );
}
