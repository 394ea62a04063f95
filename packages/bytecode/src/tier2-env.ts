// What the generated tier-2 uop interpreter needs from the thread state beyond Tier1Env (the uop
// bodies are tier 1's, so they call the same methods). `@skein/interp` implements it.
import type { Tier1Env } from "./tier1-env.js";

export interface Tier2Env extends Tier1Env {
  /**
   * Written by the uop interpreter when it returns: the frame that is current then (a trace
   * follows calls and returns, so it may differ from the frame the executor was entered with).
   */
  tier2Frame: number;
  /** Uops run by the uop interpreter (added to when it returns; statistics). */
  tier2UopsExecuted: number;
}
