// Adaptive counters in inline caches, CPython 3.13/3.14's _Py_BackoffCounter: a 12-bit value and
// a 4-bit backoff exponent in one 16-bit cache unit. The generated loops decrement by 16 (one
// value step) and trigger when the value reaches zero (the unit is below 15).
export const BACKOFF_BITS = 4;
export const MAX_BACKOFF = 12;

function counter(value: number, backoff: number): number {
  return (value << BACKOFF_BITS) | backoff;
}

/** Try to specialize on the second execution. */
export const ADAPTIVE_WARMUP = counter(1, 1);
/** After specializing: tolerate 53 misses before re-specializing. */
export const ADAPTIVE_COOLDOWN = counter(52, 0);

/** After a failed specialization: wait exponentially longer each time. */
export function backoff(old: number): number {
  const exponent = Math.min(MAX_BACKOFF, (old & ((1 << BACKOFF_BITS) - 1)) + 1);
  return counter((1 << exponent) - 1, exponent);
}

/**
 * A backward jump's counter before the JIT driver has seen it: it triggers on the second jump,
 * and the driver then arms it with its own threshold. The backoff field 14 (beyond MAX_BACKOFF)
 * marks it as not armed yet.
 */
export const JUMP_UNARMED_BACKOFF = 14;
export const JUMP_WARMUP = counter(1, JUMP_UNARMED_BACKOFF);
