"""A stand-in for the `pyperf` module, written for Skein's benchmark harness.

pyperformance's benchmark files (`bm_*/run_benchmark.py`) drive their workload through
`pyperf.Runner`. The real pyperf spawns worker processes, calibrates loop counts and collects
statistics; here the harness (bench/run.mjs) does the repeating and timing from outside, so this
module only has to run the workload a fixed number of loops in-process and say how long it took:

    pyperf-shim: NAME: SECONDS s for LOOPS loops

The loop count comes from `--loops N` on the command line, else the PYPERF_SHIM_LOOPS
environment variable, else 1. The usual pyperf options are accepted and ignored, so a benchmark
can be started the way pyperformance starts it. The module imports nothing beyond `sys` and
`time` at start-up (an argparse look-alike is built in) so that a young Python implementation
can run it; `bench_command` and `bench_async_func` import what they need when called.
"""

import sys

try:
    from time import perf_counter
except ImportError:  # an implementation without a clock still runs the workload
    def perf_counter():
        return 0.0


__version__ = "2.9.0"
VERSION = (2, 9, 0)


def python_implementation():
    return sys.implementation.name.lower()


def python_has_jit():
    return False


class Namespace:
    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)

    def __contains__(self, key):
        return key in self.__dict__

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in sorted(self.__dict__.items()))
        return f"Namespace({inner})"


class ArgumentError(Exception):
    pass


class _Option:
    def __init__(self, names, kwargs):
        self.names = names
        self.positional = not names[0].startswith("-")
        dest = kwargs.get("dest")
        if dest is None:
            if self.positional:
                dest = names[0]
            else:
                longs = [n for n in names if n.startswith("--")]
                dest = (longs[0] if longs else names[0]).lstrip("-")
        self.dest = dest.replace("-", "_")
        self.action = kwargs.get("action", "store")
        self.type = kwargs.get("type")
        self.nargs = kwargs.get("nargs")
        self.choices = kwargs.get("choices")
        if "default" in kwargs:
            self.default = kwargs["default"]
        elif self.action == "store_true":
            self.default = False
        elif self.action == "store_false":
            self.default = True
        elif self.action in ("append", "count"):
            self.default = None
        else:
            self.default = None
        self.takes_value = self.action in ("store", "append")

    def convert(self, text):
        value = self.type(text) if self.type is not None else text
        if self.choices is not None and value not in self.choices:
            raise ArgumentError(f"argument {self.dest}: invalid choice: {value!r}")
        return value


class ArgumentParser:
    """The part of argparse.ArgumentParser that benchmark files use."""

    def __init__(self, description=None, **kwargs):
        self.description = description
        self.options = []

    def add_argument(self, *names, **kwargs):
        option = _Option(names, kwargs)
        self.options.append(option)
        return option

    def add_argument_group(self, *args, **kwargs):
        return self

    def add_mutually_exclusive_group(self, *args, **kwargs):
        return self

    def set_defaults(self, **kwargs):
        for option in self.options:
            if option.dest in kwargs:
                option.default = kwargs[option.dest]

    def error(self, message):
        sys.stderr.write(f"pyperf-shim: error: {message}\n")
        raise SystemExit(2)

    def parse_args(self, args=None, namespace=None):
        values, rest = self.parse_known_args(args, namespace)
        if rest:
            self.error("unrecognized arguments: " + " ".join(rest))
        return values

    def parse_known_args(self, args=None, namespace=None):
        if args is None:
            args = sys.argv[1:]
        args = list(args)
        ns = namespace if namespace is not None else Namespace()
        for option in self.options:
            if not hasattr(ns, option.dest):
                setattr(ns, option.dest, option.default)
        by_name = {}
        for option in self.options:
            if not option.positional:
                for name in option.names:
                    by_name[name] = option
        positionals = [o for o in self.options if o.positional]
        rest = []
        i = 0
        try:
            while i < len(args):
                arg = args[i]
                i += 1
                if arg.startswith("-") and arg != "-":
                    name, eq, inline = arg.partition("=")
                    option = by_name.get(name)
                    if option is None:
                        rest.append(arg)
                        continue
                    if option.action == "store_true":
                        setattr(ns, option.dest, True)
                    elif option.action == "store_false":
                        setattr(ns, option.dest, False)
                    elif option.action == "count":
                        setattr(ns, option.dest, (getattr(ns, option.dest) or 0) + 1)
                    else:
                        if eq:
                            text = inline
                        elif i < len(args):
                            text = args[i]
                            i += 1
                        else:
                            self.error(f"argument {name}: expected one argument")
                        value = option.convert(text)
                        if option.action == "append":
                            setattr(ns, option.dest, (getattr(ns, option.dest) or []) + [value])
                        else:
                            setattr(ns, option.dest, value)
                elif positionals:
                    option = positionals.pop(0)
                    if option.nargs in ("*", "+"):
                        values = [option.convert(arg)]
                        while i < len(args) and not args[i].startswith("-"):
                            values.append(option.convert(args[i]))
                            i += 1
                        setattr(ns, option.dest, values)
                    else:
                        setattr(ns, option.dest, option.convert(arg))
                else:
                    rest.append(arg)
        except ArgumentError as e:
            self.error(str(e))
        except ValueError as e:
            self.error(str(e))
        for option in positionals:
            if option.nargs not in ("?", "*"):
                self.error(f"the following arguments are required: {option.dest}")
        return ns, rest


def _loops_from_environment():
    text = ""
    try:
        import os

        text = os.environ.get("PYPERF_SHIM_LOOPS", "")
    except ImportError:
        pass
    try:
        return max(1, int(text)) if text else 1
    except ValueError:
        return 1


class Runner:
    """Runs a workload a fixed number of loops and prints the time it took."""

    def __init__(self, values=None, processes=None, loops=0, min_time=0.1, metadata=None, show_name=True, program_args=None, add_cmdline_args=None, _argparser=None, warmups=None, **kwargs):
        self.metadata = dict(metadata) if metadata else {}
        self.add_cmdline_args = add_cmdline_args
        self.program_args = program_args
        self.show_name = show_name
        self.args = None
        self._loops = loops if loops else None
        self.results = []
        parser = _argparser if _argparser is not None else ArgumentParser(description="Benchmark")
        # pyperf's own options: accepted so benchmarks can be started as pyperformance starts them
        parser.add_argument("--loops", "-l", type=int, default=0)
        for flag in ("--rigorous", "--fast", "--debug-single-value", "--quiet", "-q", "--verbose", "-v", "--worker", "--calibrate-loops", "--recalibrate-loops", "--calibrate-warmups", "--recalibrate-warmups", "--no-locale", "--track-memory", "--tracemalloc", "--profile-all", "--copy-env", "--affinity-none", "--hook-none", "--append-none"):
            parser.add_argument(flag, action="store_true", dest="_ignored_" + flag.lstrip("-").replace("-", "_"))
        for option in ("--values", "-n", "--processes", "-p", "--warmups", "-w", "--min-time", "--output", "-o", "--append", "--inherit-environ", "--affinity", "--pipe", "--worker-task", "--python", "--compare-to", "--python-names", "--timeout", "--hook", "--profile", "--duplicate"):
            parser.add_argument(option, dest="_ignored_" + option.lstrip("-").replace("-", "_"))
        self.argparser = parser

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
            if self.args.loops:
                self._loops = self.args.loops
        return self.args

    def _loop_count(self):
        self.parse_args()
        if self._loops is None:
            self._loops = _loops_from_environment()
        return self._loops

    def _report(self, name, seconds, loops, inner_loops):
        per = seconds / (loops * (inner_loops or 1))
        self.results.append((name, seconds, loops))
        print(f"pyperf-shim: {name}: {seconds:.6f} s for {loops} loops ({per:.9f} s per loop)")
        sys.stdout.flush()

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        loops = self._loop_count()
        seconds = time_func(loops, *args)
        self._report(name, seconds, loops, inner_loops)
        return seconds

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        loops = self._loop_count()
        t0 = perf_counter()
        for _ in range(loops):
            func(*args)
        seconds = perf_counter() - t0
        self._report(name, seconds, loops, inner_loops)
        return seconds

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None):
        import asyncio

        loops = self._loop_count()

        async def main():
            t0 = perf_counter()
            for _ in range(loops):
                await func(*args)
            return perf_counter() - t0

        seconds = asyncio.run(main())
        self._report(name, seconds, loops, inner_loops)
        return seconds

    def bench_command(self, name, command):
        import subprocess

        loops = self._loop_count()
        t0 = perf_counter()
        for _ in range(loops):
            subprocess.run(command, check=True)
        seconds = perf_counter() - t0
        self._report(name, seconds, loops, None)
        return seconds

    def timeit(self, name, stmt=None, setup="pass", teardown="pass", inner_loops=None, duplicate=None, metadata=None, globals=None):
        import timeit as _timeit

        loops = self._loop_count()
        timer = _timeit.Timer(stmt, setup, globals=globals or {})
        seconds = timer.timeit(number=loops)
        self._report(name, seconds, loops, inner_loops)
        return seconds
