import { type CollectionInfo, Collector, Heap } from "@skein/gc";
import { NULL, ReleaseStackRefs } from "@skein/stackref";
import { describe, expect, it } from "vitest";

const MiB = 1024 * 1024;

// A container of two references [refcnt][type][a][b], tracked, with traverse and clear.
function world(options: { finalize?: (addr: number) => void } = {}) {
  const heap = new Heap({ limit: 16 * MiB, debug: true });
  const refs = new ReleaseStackRefs(heap);
  const type = heap.alloc(16);
  heap.makeImmortal(type);
  const freed: number[] = [];
  heap.registerType(type, {
    name: "pair",
    gc: true,
    dealloc(addr) {
      freed.push(addr);
      const a = heap.i32[(addr + 8) >> 2]!;
      const b = heap.i32[(addr + 12) >> 2]!;
      heap.freeObject(addr);
      refs.close(a);
      refs.close(b);
    },
    traverse(addr, visit) {
      visit(heap.i32[(addr + 8) >> 2]!);
      visit(heap.i32[(addr + 12) >> 2]!);
    },
    clear(addr) {
      for (const off of [8, 12]) {
        const v = heap.i32[(addr + off) >> 2]!;
        heap.i32[(addr + off) >> 2] = NULL;
        refs.close(v);
      }
    },
    finalize: options.finalize,
  });
  const make = () => {
    const addr = heap.allocObject(type, 16);
    heap.i32[(addr + 8) >> 2] = NULL;
    heap.i32[(addr + 12) >> 2] = NULL;
    return addr;
  };
  const set = (o: number, slot: 0 | 1, v: number) => {
    heap.i32[(o + 8 + 4 * slot) >> 2] = refs.dup(v);
  };
  const collector = new Collector(heap);
  return { heap, refs, make, set, collector, freed };
}

describe("the cycle collector", () => {
  it("tracks objects at allocation and counts generation 0", () => {
    const { heap, make, collector, refs } = world();
    const a = make();
    expect(heap.isTracked(a)).toBe(true);
    expect(collector.counts()).toEqual([1, 0, 0]);
    refs.close(a);
    expect(collector.counts()).toEqual([0, 0, 0]);
  });

  it("frees an unreachable cycle and gives its memory back", () => {
    const { heap, make, set, collector, refs, freed } = world();
    const before = heap.stats().liveBytes;
    const a = make();
    const b = make();
    set(a, 0, b);
    set(b, 0, a);
    refs.close(a);
    refs.close(b);
    expect(heap.stats().liveObjects).toBe(2);
    expect(collector.collect()).toBe(2);
    expect(freed.length).toBe(2);
    expect(heap.stats().liveObjects).toBe(0);
    expect(heap.stats().liveBytes).toBe(before);
  });

  it("keeps a cycle reachable from outside, and what it refers to", () => {
    const { heap, make, set, collector, refs } = world();
    const a = make();
    const b = make();
    const c = make();
    set(a, 0, b);
    set(b, 0, a);
    set(b, 1, c);
    refs.close(b);
    refs.close(c);
    expect(collector.collect()).toBe(0);
    expect(heap.stats().liveObjects).toBe(3);
    refs.close(a);
    expect(collector.collect()).toBe(3);
    expect(heap.stats().liveObjects).toBe(0);
  });

  it("treats non-owning stack references as roots", () => {
    const { heap, make, set, collector, refs } = world();
    const a = make();
    const b = make();
    set(a, 0, b);
    set(b, 0, a);
    // A deferred reference only the stack holds: the object's count does not show it.
    heap.makeDeferred(a);
    refs.close(a);
    refs.close(b);
    const stack = [a | 1];
    collector.roots.push({ visitRoots: (visit) => stack.forEach(visit) });
    expect(collector.collect()).toBe(0);
    stack.length = 0;
    expect(collector.collect()).toBe(2);
    expect(heap.stats().liveObjects).toBe(0);
  });

  it("runs each finalizer once and keeps resurrected objects", () => {
    let saved = 0;
    const calls: number[] = [];
    const w = world({
      finalize: (addr) => {
        calls.push(addr);
        if (saved === 0) saved = w.refs.dup(addr);
      },
    });
    const { heap, make, set, collector, refs } = w;
    const a = make();
    const b = make();
    set(a, 0, b);
    set(b, 0, a);
    refs.close(a);
    refs.close(b);
    expect(collector.collect()).toBe(0);
    expect(calls.length).toBe(2);
    expect(collector.isFinalized(a)).toBe(true);
    refs.close(saved);
    expect(collector.collect()).toBe(2);
    expect(calls.length).toBe(2);
    expect(heap.stats().liveObjects).toBe(0);
  });

  it("promotes survivors, follows the thresholds and reports callbacks", () => {
    const { make, collector, refs } = world();
    const info: [string, CollectionInfo][] = [];
    collector.callbacks.push((phase, i) => info.push([phase, i]));
    let asked = 0;
    collector.requestSafePoint = () => asked++;
    const keep: number[] = [];
    for (let i = 0; i < 2001; i++) keep.push(make());
    expect(asked).toBe(1);
    expect(collector.pending).toBe(true);
    collector.atSafePoint();
    expect(collector.counts()).toEqual([0, 1, 0]);
    expect(collector.objects(1).length).toBe(2001);
    expect(info.map(([p, i]) => [p, i.generation])).toEqual([
      ["start", 0],
      ["stop", 0],
    ]);
    for (const k of keep) refs.close(k);
    expect(collector.counts()).toEqual([0, 1, 0]);
  });

  it("freeze moves everything to the permanent generation", () => {
    const { make, collector } = world();
    make();
    make();
    collector.freeze();
    expect(collector.freezeCount()).toBe(2);
    expect(collector.objects().length).toBe(0);
    collector.unfreeze();
    expect(collector.objects(2).length).toBe(2);
  });

  it("frees a long chain of cycles without deep host recursion", () => {
    const { heap, make, set, collector, refs } = world();
    const first = make();
    let prev = first;
    for (let i = 0; i < 100000; i++) {
      const n = make();
      set(prev, 0, n);
      set(n, 1, prev);
      refs.close(n);
      prev = n;
    }
    refs.close(first);
    expect(collector.collect()).toBe(100001);
    expect(heap.stats().liveObjects).toBe(0);
  });

  it("never meets a dying object: a collection run from a finalizer during a dealloc", () => {
    // A box releases its item before freeing itself (as a list does). The item's finalizer
    // collects while the box's count is zero: the box must already be out of the lists, or the
    // collector would take it for garbage and free it a second time.
    const w = world({ finalize: () => w.collector.collect() });
    const boxType = w.heap.alloc(16);
    w.heap.makeImmortal(boxType);
    const boxesFreed: number[] = [];
    w.heap.registerType(boxType, {
      name: "box",
      gc: true,
      dealloc(addr) {
        w.refs.close(w.heap.i32[(addr + 8) >> 2]!);
        boxesFreed.push(addr);
        w.heap.freeObject(addr);
      },
      traverse: (addr, visit) => visit(w.heap.i32[(addr + 8) >> 2]!),
      clear(addr) {
        const v = w.heap.i32[(addr + 8) >> 2]!;
        w.heap.i32[(addr + 8) >> 2] = NULL;
        w.refs.close(v);
      },
    });
    const box = w.heap.allocObject(boxType, 16);
    const item = w.make();
    w.heap.i32[(box + 8) >> 2] = item;
    w.refs.close(box);
    expect(boxesFreed).toEqual([box]);
    expect(w.freed).toEqual([item]);
    expect(w.heap.stats().liveObjects).toBe(0);
  });

  it("tracks a resurrected object again", () => {
    const keep: number[] = [];
    const w = world({ finalize: (addr) => keep.push(w.refs.dup(addr)) });
    const a = w.make();
    w.refs.close(a);
    expect(w.freed).toEqual([]);
    expect(w.heap.isTracked(a)).toBe(true);
    w.refs.close(keep.pop()!);
    expect(w.freed).toEqual([a]);
  });

  it("frees deferred objects only after the stack scan, uncounted when refcounting would have", () => {
    const w = world();
    const stack: number[] = [];
    w.collector.roots.push({ visitRoots: (visit) => stack.forEach(visit) });
    const f = w.make();
    w.heap.makeDeferred(f);
    expect(w.heap.isDeferred(f)).toBe(true);
    stack.push(f | 1); // a deferred reference on a stack: no count
    w.refs.close(f); // the last counted reference goes: the bias keeps it
    expect(w.freed).toEqual([]);
    expect(w.collector.collect()).toBe(0);
    expect(w.freed).toEqual([]);
    stack.pop();
    expect(w.collector.collect()).toBe(0); // freed as refcounting would have: not counted
    expect(w.freed).toEqual([f]);
    expect(w.collector.stats().deferredFreed).toBe(1);
  });

  it("frees a deferred object in a cycle by trial deletion", () => {
    const w = world();
    const f = w.make();
    const g = w.make();
    w.heap.makeDeferred(f);
    w.set(f, 0, g);
    w.set(g, 0, f);
    w.refs.close(g);
    w.refs.close(f);
    expect(w.collector.collect()).toBe(2);
    expect(w.freed.sort()).toEqual([f, g].sort());
  });
});
