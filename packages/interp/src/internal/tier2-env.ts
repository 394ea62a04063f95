// What the generated tier-2 uop interpreter (../generated/tier2.gen.ts) needs from the thread
// state: everything tier 1's bodies call, plus where an executor left the thread.
import type { Tier2Env } from "@skein/bytecode";
import type { Tier1ThreadState } from "./thread-state.js";

export type Tier2ThreadState = Tier1ThreadState & Tier2Env;
