import {
  CLASS_SIZES,
  GC_HEADER_SIZE,
  Heap,
  HeapCorruptionError,
  OB_TYPE,
  PAGE_SIZE,
  POISON_WORD,
  SMALL_MAX,
  sizeClassOf,
} from "@skein/gc";
import { DebugStackRefs, ReleaseStackRefs, tagInt } from "@skein/stackref";
import { describe, expect, it } from "vitest";

const MiB = 1024 * 1024;

// A test type whose objects are [refcnt][type][next ref]: a singly linked node that owns `next`.
function nodeType(heap: Heap, gc = false) {
  const type = heap.alloc(16);
  heap.i32[type >> 2] = 1;
  const refs = new ReleaseStackRefs(heap);
  const freedOrder: number[] = [];
  heap.registerType(type, {
    name: gc ? "gcnode" : "node",
    gc,
    dealloc(addr) {
      freedOrder.push(addr);
      const next = heap.i32[(addr + 8) >> 2]!;
      heap.freeObject(addr);
      refs.close(next);
    },
  });
  const make = (next: number) => {
    const addr = heap.allocObject(type, 12);
    heap.i32[(addr + 8) >> 2] = next;
    return addr;
  };
  return { type, refs, make, freedOrder };
}

describe("size classes", () => {
  it("cover every small size with the smallest class that fits", () => {
    for (let size = 1; size <= SMALL_MAX; size += 7) {
      const cls = sizeClassOf(size);
      expect(CLASS_SIZES[cls]).toBeGreaterThanOrEqual(size);
      expect(CLASS_SIZES[cls - 1] ?? 0).toBeLessThan(size);
    }
    for (const size of CLASS_SIZES.slice(1)) expect(size % 8).toBe(0);
  });
});

describe("allocator", () => {
  it("returns 8-aligned, non-overlapping blocks above the reserved first page", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const blocks = [8, 24, 100, 513, 4000, 40000, 200000].map((n) => [heap.alloc(n), n] as const);
    for (const [addr, n] of blocks) {
      expect(addr % 8).toBe(0);
      expect(addr).toBeGreaterThanOrEqual(PAGE_SIZE);
      expect(heap.blockSize(addr)).toBeGreaterThanOrEqual(n);
    }
    const sorted = [...blocks].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      const [prev] = sorted[i - 1]!;
      expect(prev + heap.blockSize(prev)).toBeLessThanOrEqual(sorted[i]![0]);
    }
  });

  it("reuses freed blocks of the same class (free lists)", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const a = heap.alloc(32);
    const b = heap.alloc(32);
    heap.free(a);
    heap.free(b);
    expect(heap.alloc(30)).toBe(b);
    expect(heap.alloc(32)).toBe(a);
    const big = heap.alloc(3 * PAGE_SIZE);
    heap.free(big);
    expect(heap.alloc(2 * PAGE_SIZE + 1)).toBe(big);
  });

  it("coalesces freed page runs", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const a = heap.alloc(PAGE_SIZE * 2);
    const b = heap.alloc(PAGE_SIZE * 2);
    heap.alloc(8); // keep the top of the heap in use
    heap.free(a);
    heap.free(b);
    expect(heap.alloc(PAGE_SIZE * 4)).toBe(a);
  });

  it("realloc keeps the contents", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const a = heap.alloc(16);
    heap.i32[a >> 2] = 11;
    heap.i32[(a + 12) >> 2] = 22;
    const b = heap.realloc(a, 100000);
    expect(heap.i32[b >> 2]).toBe(11);
    expect(heap.i32[(b + 12) >> 2]).toBe(22);
    expect(heap.realloc(b, 99000)).toBe(b);
    expect(heap.stats().liveBlocks).toBe(1);
  });

  it("returns 0 at the limit instead of growing, and keeps working after", () => {
    const heap = new Heap({ limit: 4 * MiB });
    const buffer = heap.views.buffer;
    const blocks: number[] = [];
    for (;;) {
      const a = heap.alloc(PAGE_SIZE);
      if (a === 0) break;
      blocks.push(a);
    }
    expect(blocks.length).toBe(4 * 16 - 1);
    expect(heap.alloc(8)).toBe(0);
    expect(heap.views.buffer).toBe(buffer);
    expect(heap.views.memory.buffer.byteLength).toBe(4 * MiB);
    heap.free(blocks.pop()!);
    expect(heap.alloc(8)).not.toBe(0);
  });

  it("refuses limits it cannot address", () => {
    expect(() => new Heap({ limit: 3 * 1024 * MiB })).toThrow(RangeError);
    expect(() => new Heap({ limit: 1000 })).toThrow(RangeError);
  });

  it("poisons freed memory in debug mode and catches a write after free", () => {
    const heap = new Heap({ limit: 4 * MiB, debug: true });
    const a = heap.alloc(64);
    heap.free(a);
    expect(heap.i32[(a + 8) >> 2]).toBe(POISON_WORD);
    heap.i32[(a + 16) >> 2] = 7; // a use after free
    expect(() => heap.alloc(64)).toThrow(HeapCorruptionError);
  });
});

describe("objects and reference counting", () => {
  it("writes the header and deallocates through the type at zero", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const { type, refs, make, freedOrder } = nodeType(heap);
    const leaf = make(tagInt(3));
    expect(heap.refcount(leaf)).toBe(1);
    expect(heap.i32[(leaf + OB_TYPE) >> 2]).toBe(type);
    const root = make(refs.fromSteal(leaf));
    expect(heap.liveObjectsOfType(type)).toBe(2);
    const r = refs.fromNew(root);
    expect(heap.refcount(root)).toBe(2);
    refs.close(r);
    expect(freedOrder).toEqual([]);
    heap.decref(root);
    expect(freedOrder).toEqual([root, leaf]);
    expect(heap.liveObjectsOfType(type)).toBe(0);
    expect(heap.stats().liveObjects).toBe(0);
  });

  it("puts the GC header in front of tracked objects", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const { make } = nodeType(heap, true);
    const a = make(tagInt(0));
    expect((a - GC_HEADER_SIZE) % 8).toBe(0);
    expect(heap.blockSize(a - GC_HEADER_SIZE)).toBeGreaterThanOrEqual(20);
    heap.decref(a);
    expect(heap.stats().liveObjects).toBe(0);
  });

  it("frees a chain of a million nodes without overflowing the host stack", () => {
    const heap = new Heap({ limit: 64 * MiB });
    const { refs, make } = nodeType(heap);
    let head = tagInt(0);
    for (let i = 0; i < 1_000_000; i++) head = refs.fromSteal(make(head));
    const before = heap.stats();
    expect(before.liveObjects).toBe(1_000_000);
    refs.close(head);
    const after = heap.stats();
    expect(after.liveObjects).toBe(0);
    expect(after.frees - before.frees).toBe(1_000_000);
  });

  it("counts statistics per type", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const { make } = nodeType(heap);
    make(tagInt(1));
    make(tagInt(2));
    const stats = heap.stats();
    expect(stats.byType).toEqual([{ name: "node", objects: 2, bytes: 32 }]);
    expect(stats.allocations).toBe(3);
  });

  it("immortal objects survive any number of closes", () => {
    const heap = new Heap({ limit: 16 * MiB });
    const { make, refs, freedOrder } = nodeType(heap);
    const a = make(tagInt(0));
    heap.makeImmortal(a);
    const r = refs.fromNew(a);
    for (let i = 0; i < 10; i++) refs.close(refs.dup(r));
    refs.close(r);
    expect(freedOrder).toEqual([]);
  });

  it("works with the debug stack references, which see a leak and a double close", () => {
    const heap = new Heap({ limit: 16 * MiB, debug: true });
    const { make } = nodeType(heap);
    const refs = new DebugStackRefs(heap);
    const a = refs.fromSteal(make(tagInt(0)));
    const b = refs.fromSteal(make(tagInt(0)));
    refs.close(a);
    expect(heap.i32[a >> 2]).toBe(POISON_WORD);
    refs.close(a);
    expect(refs.problems().map((p) => p.kind)).toEqual(["double-close"]);
    expect(refs.leaks().map((p) => p.addr)).toEqual([b]);
  });
});
