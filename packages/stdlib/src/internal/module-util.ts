// Helpers for modules written in TypeScript: defining functions and values in a module's dict.
import { moduleDict, type ObjectSpace, type VectorCall } from "@skein/objects";
import { ERROR, type StackRef } from "@skein/stackref";

export class ModuleBuilder {
  readonly s: ObjectSpace;
  readonly module: StackRef;
  readonly dict: StackRef;
  failed = false;

  constructor(s: ObjectSpace, module: StackRef) {
    this.s = s;
    this.module = module;
    this.dict = moduleDict(s, module);
  }

  /** A builtin function bound to the module. */
  fn(name: string, impl: VectorCall): void {
    const f = this.s.newBuiltin(name, impl, this.module);
    this.set(name, f);
  }

  /** Store a new reference (stolen) under `name`. */
  set(name: string, value: StackRef): void {
    if (value === ERROR) {
      this.failed = true;
      return;
    }
    if (this.s.dictSetStr(this.dict, name, value) < 0) this.failed = true;
    this.s.refs.close(value);
  }

  int(name: string, v: number | bigint): void {
    this.set(name, this.s.newInt(v));
  }

  float(name: string, v: number): void {
    this.set(name, this.s.newFloat(v));
  }

  str(name: string, v: string): void {
    this.set(name, this.s.newStr(v));
  }

  /** A borrowed reference (a type, a singleton) under `name`. */
  ref(name: string, v: StackRef): void {
    this.set(name, this.s.refs.asOwned(v));
  }
}
