// The debug variant of the reference operations: the same interface as the release variant, plus
// a ledger of the owned stack references it made (where each was made) and of the last close of
// each object, so that double closes (closing an object already freed), closes through dangling
// borrows and references left open are reported with their sites. Objects that enter the stack
// from a helper's return value are not in the ledger; closing them while they live is fine. It is
// a separate class, so the release path pays nothing for it.
import {
  IMMORTAL_REFCNT,
  NON_OWNING_BITS,
  NULL,
  type RefcountOps,
  type StackRef,
  type StackRefOps,
  TAG_BORROWED,
  TAG_MASK,
  TAG_OWNED,
} from "./encoding.js";
import { asOwnedIn } from "./release.js";

export type StackRefProblemKind = "double-close" | "dangling-borrow" | "leak";

export interface StackRefProblem {
  readonly kind: StackRefProblemKind;
  /** The object address. */
  readonly addr: number;
  /** Where the offending operation happened (or, for a leak, where the reference was made). */
  readonly site: string;
  /** For a double close: where the object's last reference was closed. */
  readonly previousSite?: string;
}

export interface DebugOptions {
  /** Record a host stack trace at each site (slow); otherwise sites are sequence numbers. */
  readonly captureSites?: boolean;
  /** Throw at the first problem instead of collecting it. */
  readonly throwOnProblem?: boolean;
}

/** Thrown by the debug variant when `throwOnProblem` is set: a bug in Skein, not a Python error. */
export class StackRefError extends Error {
  readonly problem: StackRefProblem;
  constructor(problem: StackRefProblem) {
    super(`stackref ${problem.kind} of object at ${problem.addr} (${problem.site})`);
    this.problem = problem;
  }
}

export class DebugStackRefs implements StackRefOps {
  readonly i32: Int32Array;
  private readonly ops: RefcountOps;
  private readonly captureSites: boolean;
  private readonly throwOnProblem: boolean;
  private readonly open = new Map<number, string[]>();
  private readonly lastClose = new Map<number, string>();
  private readonly found: StackRefProblem[] = [];
  private seq = 0;

  constructor(ops: RefcountOps, options: DebugOptions = {}) {
    this.ops = ops;
    this.i32 = ops.i32;
    this.captureSites = options.captureSites ?? false;
    this.throwOnProblem = options.throwOnProblem ?? false;
  }

  private site(what: string): string {
    this.seq++;
    if (!this.captureSites) return `${what} #${this.seq}`;
    const stack = new Error().stack ?? "";
    return `${what} #${this.seq}\n${stack.split("\n").slice(3, 9).join("\n")}`;
  }

  private report(problem: StackRefProblem): void {
    if (this.throwOnProblem) throw new StackRefError(problem);
    this.found.push(problem);
  }

  private opened(addr: number, what: string): void {
    let sites = this.open.get(addr);
    if (sites === undefined) {
      sites = [];
      this.open.set(addr, sites);
    }
    sites.push(this.site(what));
  }

  /** Remove one open reference of `addr` from the ledger; false if none was open. */
  private closed(addr: number): boolean {
    const sites = this.open.get(addr);
    if (sites === undefined || sites.length === 0) return false;
    sites.pop();
    if (sites.length === 0) this.open.delete(addr);
    return true;
  }

  fromNew(addr: number): StackRef {
    const i = addr >> 2;
    const rc = this.i32[i]!;
    if ((rc & NON_OWNING_BITS) !== 0) return addr | TAG_BORROWED;
    this.i32[i] = rc + 1;
    this.opened(addr, "fromNew");
    return addr;
  }

  fromSteal(addr: number): StackRef {
    this.opened(addr, "fromSteal");
    return addr;
  }

  borrow(addr: number): StackRef {
    return addr | TAG_BORROWED;
  }

  dup(ref: StackRef): StackRef {
    if ((ref & TAG_MASK) === TAG_OWNED) {
      this.i32[ref >> 2]!++;
      this.opened(ref, "dup");
    }
    return ref;
  }

  close(ref: StackRef): void {
    const tag = ref & TAG_MASK;
    if (tag === TAG_OWNED) {
      const i = ref >> 2;
      const rc = this.i32[i]!;
      // A reference made outside the ledger (an object a helper just allocated) may be closed
      // while the object lives; closing a freed object is always a double close.
      if (!this.closed(ref) && rc <= 0) {
        const previousSite = this.lastClose.get(ref);
        this.report({
          kind: "double-close",
          addr: ref,
          site: this.site("close"),
          ...(previousSite === undefined ? {} : { previousSite }),
        });
        if (rc <= 0) return;
      }
      this.i32[i] = rc - 1;
      if (rc === 1) {
        this.lastClose.set(ref, this.site("close"));
        this.ops.dealloc(ref);
      }
    } else if (tag === TAG_BORROWED && ref !== NULL) {
      const addr = ref & ~TAG_MASK;
      if (this.i32[addr >> 2]! <= 0) {
        this.report({ kind: "dangling-borrow", addr, site: this.site("close of borrowed") });
      }
    }
  }

  xclose(ref: StackRef): void {
    this.close(ref);
  }

  makeHeapSafe(ref: StackRef): StackRef {
    if ((ref & TAG_MASK) !== TAG_BORROWED || ref === NULL) return ref;
    const addr = ref & ~TAG_MASK;
    const i = addr >> 2;
    const rc = this.i32[i]!;
    if (rc <= 0) {
      this.report({ kind: "dangling-borrow", addr, site: this.site("makeHeapSafe") });
      return ref;
    }
    if ((rc & IMMORTAL_REFCNT) !== 0) return ref;
    this.i32[i] = rc + 1;
    return addr;
  }

  asOwned(ref: StackRef): StackRef {
    // A reference for the heap, not the stack: outside the ledger.
    return asOwnedIn(this.i32, ref);
  }

  steal(ref: StackRef): StackRef {
    if ((ref & TAG_MASK) === TAG_OWNED) {
      if (!this.closed(ref) && this.i32[ref >> 2]! <= 0) {
        this.report({ kind: "double-close", addr: ref, site: this.site("steal") });
      }
      return ref;
    }
    return this.makeHeapSafe(ref);
  }

  /** Problems found so far (double closes and dangling borrows). */
  problems(): readonly StackRefProblem[] {
    return this.found;
  }

  /** Owned stack references made and never closed or stolen: one entry per open reference. */
  leaks(): StackRefProblem[] {
    const out: StackRefProblem[] = [];
    for (const [addr, sites] of this.open) {
      for (const site of sites) out.push({ kind: "leak", addr, site });
    }
    return out;
  }

  /** Forget everything recorded (for example between two programs). */
  reset(): void {
    this.open.clear();
    this.lastClose.clear();
    this.found.length = 0;
  }
}
