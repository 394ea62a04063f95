// The time module over the clock capabilities: a denied clock raises PermissionError.
import { intFromBigInt } from "@skein/objects";
import { ERROR, type StackRef } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";
import { asDouble } from "./math.js";

export function initTime(rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  const noArgs = (name: string, nargs: number): boolean => {
    if (nargs === 0) return true;
    s.raise(s.b.TypeError, `time.${name}() takes no arguments (${nargs} given)`);
    return false;
  };
  const wall = (name: string, f: (t: number) => StackRef) =>
    m.fn(name, (_self, _args, nargs) => {
      if (!noArgs(name, nargs)) return ERROR;
      const clock = rt.caps.wallTime;
      return clock === undefined ? rt.denied("reading the clock") : f(clock());
    });
  wall("time", (t) => s.newFloat(t));
  wall("time_ns", (t) => intFromBigInt(s, BigInt(Math.round(t * 1e6)) * 1000n));
  const mono = (name: string, pick: () => (() => bigint) | undefined, asNs: boolean) =>
    m.fn(name, (_self, _args, nargs) => {
      if (!noArgs(name, nargs)) return ERROR;
      const clock = pick();
      if (clock === undefined) return rt.denied("reading the clock");
      const ns = clock();
      return asNs ? intFromBigInt(s, ns) : s.newFloat(Number(ns) / 1e9);
    });
  for (const [name, asNs] of [
    ["monotonic", false],
    ["monotonic_ns", true],
    ["perf_counter", false],
    ["perf_counter_ns", true],
  ] as const) {
    mono(name, () => rt.caps.monotonicNs, asNs);
  }
  mono("process_time", () => rt.caps.processTimeNs, false);
  mono("process_time_ns", () => rt.caps.processTimeNs, true);
  mono("thread_time", () => rt.caps.processTimeNs, false);
  mono("thread_time_ns", () => rt.caps.processTimeNs, true);
  m.fn("sleep", (_self, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `time.sleep() takes exactly one argument (${nargs} given)`);
    }
    const secs = asDouble(s, s.i32[args]!);
    if (secs === null) {
      if (s.isInstance(s.curexc, s.b.TypeError)) {
        s.refs.close(s.fetchException());
        return s.raise(
          s.b.TypeError,
          `'${s.typeOf(s.i32[args]!).name}' object cannot be interpreted as an integer`,
        );
      }
      return ERROR;
    }
    if (Number.isNaN(secs)) return s.raise(s.b.ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return s.raise(s.b.ValueError, "sleep length must be non-negative");
    const sleep = rt.caps.sleep;
    if (sleep === undefined) return rt.denied("sleeping");
    sleep(secs);
    return s.None;
  });
  m.int("timezone", 0);
  m.int("altzone", 0);
  m.int("daylight", 0);
  m.set("tzname", s.newTuple([s.newStr("UTC"), s.newStr("UTC")]));
}
