// Micro-benchmarks of the foundation: allocate/free and dup/close, in ns per operation.
import { Heap } from "@skein/gc";
import { ReleaseStackRefs, tagInt } from "@skein/stackref";

export function setup() {
  const heap = new Heap({ limit: 256 * 1024 * 1024 });
  const type = heap.alloc(16);
  heap.registerType(type, { name: "bench", gc: false, dealloc: (a) => heap.freeObject(a) });
  const refs = new ReleaseStackRefs(heap);
  const obj = heap.allocObject(type, 16);
  const blocks = new Int32Array(1000);
  return {
    "alloc/free 32 B (LIFO)": (n) => {
      for (let i = 0; i < n; i++) heap.free(heap.alloc(32));
    },
    "alloc 1000 then free 1000, 48 B": (n) => {
      for (let r = 0; r < n / 1000; r++) {
        for (let i = 0; i < 1000; i++) blocks[i] = heap.alloc(48);
        for (let i = 0; i < 1000; i++) heap.free(blocks[i]);
      }
    },
    "allocObject + decref to dealloc": (n) => {
      for (let i = 0; i < n; i++) heap.decref(heap.allocObject(type, 16));
    },
    "dup/close owned": (n) => {
      const r = refs.fromNew(obj);
      for (let i = 0; i < n; i++) refs.close(refs.dup(r));
      refs.close(r);
    },
    "dup/close tagged int": (n) => {
      const r = tagInt(12345);
      for (let i = 0; i < n; i++) refs.close(refs.dup(r));
    },
  };
}
