// The part of the WebAssembly JavaScript API that Skein uses. Node provides the runtime objects;
// neither TypeScript's ES libraries nor @types/node declare them, and the DOM library would bring
// browser globals into every package.
declare namespace WebAssembly {
  type WasmFunction = (...args: never[]) => unknown;
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  type ImportValue = WasmFunction | Memory | Global | Table | number;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, WasmFunction | Memory | Global | Table>;
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }
  class Global {
    constructor(descriptor: { value: string; mutable?: boolean }, v?: number);
    value: number;
  }
  class Table {
    constructor(descriptor: { element: string; initial: number; maximum?: number });
    readonly length: number;
    get(index: number): WasmFunction | null;
    set(index: number, value: WasmFunction | null): void;
    grow(delta: number): number;
  }
  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  function validate(bytes: BufferSource): boolean;
  function compile(bytes: BufferSource): Promise<Module>;
}
type BufferSource = ArrayBufferView | ArrayBuffer;
