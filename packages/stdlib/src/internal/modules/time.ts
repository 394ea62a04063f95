// The time module over the clock capabilities: a denied clock raises PermissionError.
import {
  intFromBigInt,
  intToSafeNumber,
  isInt,
  isStr,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, type StackRef } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";
import { newStructSeq, structSeqType } from "../structseq.js";
import { asDouble } from "./math.js";

// The engine's local time is UTC (time.timezone is 0): localtime() equals gmtime().
const STRUCT_TIME_FIELDS = [
  "tm_year",
  "tm_mon",
  "tm_mday",
  "tm_hour",
  "tm_min",
  "tm_sec",
  "tm_wday",
  "tm_yday",
  "tm_isdst",
] as const;
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The nine fields of struct_time for `seconds` since the epoch, in UTC. */
function brokenDown(seconds: number): number[] {
  const d = new Date(Math.floor(seconds) * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - start) / 86400000) + 1;
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    (d.getUTCDay() + 6) % 7,
    yday,
    0,
  ];
}

const pad = (n: number, width: number, fill = "0") => String(n).padStart(width, fill);

/** strftime over broken-down fields (C's directives; the locale is C's). */
function formatTime(format: string, f: readonly number[]): string {
  const [year, mon, mday, hour, min, sec, wday, yday] = f as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const weekOfYear = (firstDay: number) => {
    // Weeks starting on Sunday (%U, firstDay 0) or Monday (%W, firstDay 1); days before the
    // first such day are week 0.
    const sundayBased = (wday + 1) % 7;
    const dow = firstDay === 0 ? sundayBased : wday;
    return Math.floor((yday - 1 + 7 - dow) / 7);
  };
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== "%" || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const d = format[++i]!;
    switch (d) {
      case "a":
        out += DAYS[wday]!.slice(0, 3);
        break;
      case "A":
        out += DAYS[wday]!;
        break;
      case "b":
      case "h":
        out += MONTHS[mon - 1]!.slice(0, 3);
        break;
      case "B":
        out += MONTHS[mon - 1]!;
        break;
      case "c":
        out += formatTime("%a %b %e %H:%M:%S %Y", f);
        break;
      case "C":
        out += pad(Math.floor(year / 100), 2);
        break;
      case "d":
        out += pad(mday, 2);
        break;
      case "D":
        out += formatTime("%m/%d/%y", f);
        break;
      case "e":
        out += pad(mday, 2, " ");
        break;
      case "F":
        out += formatTime("%Y-%m-%d", f);
        break;
      case "H":
        out += pad(hour, 2);
        break;
      case "I":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
        break;
      case "j":
        out += pad(yday, 3);
        break;
      case "m":
        out += pad(mon, 2);
        break;
      case "M":
        out += pad(min, 2);
        break;
      case "n":
        out += "\n";
        break;
      case "p":
        out += hour < 12 ? "AM" : "PM";
        break;
      case "r":
        out += formatTime("%I:%M:%S %p", f);
        break;
      case "R":
        out += formatTime("%H:%M", f);
        break;
      case "S":
        out += pad(sec, 2);
        break;
      case "t":
        out += "\t";
        break;
      case "T":
        out += formatTime("%H:%M:%S", f);
        break;
      case "u":
        out += String(wday + 1);
        break;
      case "U":
        out += pad(weekOfYear(0), 2);
        break;
      case "w":
        out += String((wday + 1) % 7);
        break;
      case "W":
        out += pad(weekOfYear(1), 2);
        break;
      case "x":
        out += formatTime("%m/%d/%y", f);
        break;
      case "X":
        out += formatTime("%H:%M:%S", f);
        break;
      case "y":
        out += pad(year % 100, 2);
        break;
      case "Y":
        out += String(year);
        break;
      case "z":
        out += "+0000";
        break;
      case "Z":
        out += "UTC";
        break;
      case "%":
        out += "%";
        break;
      default:
        out += `%${d}`;
    }
  }
  return out;
}

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
  // ---- struct_time and the calendar functions (UTC) ----
  const structTime = structSeqType(s, "time.struct_time", STRUCT_TIME_FIELDS);
  structTime.getsets.set("tm_zone", { get: () => s.newStr("UTC") });
  structTime.getsets.set("tm_gmtoff", { get: () => s.newInt(0) });
  m.ref("struct_time", structTime.addr | 1);
  const makeStruct = (fields: readonly number[]) =>
    newStructSeq(
      s,
      structTime,
      fields.map((v) => s.newInt(v)),
    );
  /** Seconds from an optional argument (None or absent: now); null with the error set. */
  const secondsArg = (name: string, args: number, nargs: number): number | null => {
    if (nargs > 1) {
      s.raise(s.b.TypeError, `${name} expected at most 1 argument, got ${nargs}`);
      return null;
    }
    const v = nargs === 0 ? s.None : s.i32[args]!;
    if (v === s.None) {
      const clock = rt.caps.wallTime;
      if (clock === undefined) {
        rt.denied("reading the clock");
        return null;
      }
      return clock();
    }
    if (!isInt(s, v) && s.typeOf(v) !== s.b.float && !s.typeOf(v).heap) {
      s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
      return null;
    }
    const x = asDouble(s, v);
    if (x === null) return null;
    if (!Number.isFinite(x)) {
      s.raise(
        s.b.ValueError,
        Number.isNaN(x)
          ? "Invalid value NaN (not a number)"
          : "cannot convert float infinity to integer",
      );
      return null;
    }
    if (Math.abs(x) > 8.64e15) {
      s.raise(s.b.OverflowError, "timestamp out of range for platform time_t");
      return null;
    }
    return x;
  };
  for (const name of ["gmtime", "localtime"]) {
    m.fn(name, (_self, args, nargs) => {
      const secs = secondsArg(name, args, nargs);
      return secs === null ? ERROR : makeStruct(brokenDown(secs));
    });
  }
  /** The nine fields of a struct_time or 9-tuple argument; null with the error set. */
  const fieldsArg = (name: string, v: StackRef): number[] | null => {
    if (s.typeOf(v) !== s.b.tuple && !s.typeOf(v).isSubtypeOf(s.b.tuple)) {
      s.raise(s.b.TypeError, `Tuple or struct_time argument required`);
      return null;
    }
    const n = tupleLength(s, v);
    if (n !== 9) {
      s.raise(s.b.TypeError, `${name}(): illegal time tuple argument`);
      return null;
    }
    const out: number[] = [];
    for (let i = 0; i < 9; i++) {
      const item = tupleItem(s, v, i);
      const x = isInt(s, item) ? intToSafeNumber(s, item) : null;
      if (x === null) {
        s.raise(
          s.b.TypeError,
          `'${s.typeOf(item).name}' object cannot be interpreted as an integer`,
        );
        return null;
      }
      out.push(x);
    }
    return out;
  };
  const nowOrArg = (name: string, args: number, nargs: number): number[] | null => {
    if (nargs === 0 || s.i32[args]! === s.None) {
      const clock = rt.caps.wallTime;
      if (clock === undefined) {
        rt.denied("reading the clock");
        return null;
      }
      return brokenDown(clock());
    }
    return fieldsArg(name, s.i32[args]!);
  };
  m.fn("mktime", (_self, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `time.mktime() takes exactly one argument (${nargs} given)`);
    }
    const f = fieldsArg("mktime", s.i32[args]!);
    if (f === null) return ERROR;
    const ms = Date.UTC(f[0]!, f[1]! - 1, f[2]!, f[3]!, f[4]!, f[5]!);
    return s.newFloat(ms / 1000);
  });
  m.fn("asctime", (_self, args, nargs) => {
    const f = nowOrArg("asctime", args, nargs);
    return f === null ? ERROR : s.newStr(formatTime("%a %b %e %H:%M:%S %Y", f));
  });
  m.fn("ctime", (_self, args, nargs) => {
    const secs = secondsArg("ctime", args, nargs);
    return secs === null ? ERROR : s.newStr(formatTime("%a %b %e %H:%M:%S %Y", brokenDown(secs)));
  });
  m.fn("strftime", (_self, args, nargs) => {
    if (nargs < 1 || nargs > 2) {
      return s.raise(s.b.TypeError, `strftime() takes at most 2 arguments (${nargs} given)`);
    }
    const format = s.i32[args]!;
    if (!isStr(s, format)) {
      return s.raise(
        s.b.TypeError,
        `strftime() argument 1 must be str, not ${s.typeOf(format).name}`,
      );
    }
    const f = nowOrArg("strftime", args + 1, nargs - 1);
    if (f === null) return ERROR;
    if (f[1]! < 1 || f[1]! > 12) return s.raise(s.b.ValueError, "month out of range");
    return s.newStr(formatTime(s.strValue(format), f));
  });
  m.int("timezone", 0);
  m.int("altzone", 0);
  m.int("daylight", 0);
  m.set("tzname", s.newTuple([s.newStr("UTC"), s.newStr("UTC")]));
}
