// The `skein` command, run as a process (the built dist/cli.js, as `npx skein` runs it).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const cli = resolve(import.meta.dirname, "..", "dist", "cli.js");
const dir = mkdtempSync(join(tmpdir(), "skein-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function skein(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input: input ?? "",
    encoding: "utf8",
    cwd: dir,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("skein", () => {
  it("a reader that goes away is the program's BrokenPipeError; a full pipe is waited for", async () => {
    // `skein endless.py | head -1`: the shell's pipe, made here with a child whose stdout we close.
    const path = script("endless.py", "i = 0\nwhile True:\n    print(i)\n    i += 1\n");
    const child = spawn(process.execPath, [cli, path], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on("close", done));
    expect(stderr).toContain("BrokenPipeError: [Errno 32] Broken pipe");
    expect(stderr).not.toContain("internal error");
    expect(status).toBe(1);
    // Much more output than a pipe holds, read slowly: nothing is lost.
    const big = script(
      "big.py",
      "import sys\nfor i in range(100000):\n    sys.stdout.write(f'{i}\\n')\n",
    );
    const r = skein([big]);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").length).toBe(100001);
  });

  it("runs a file with its arguments", () => {
    const r = skein([script("hello.py", "print('hello', 6 * 7)\n"), "a", "b"]);
    expect(r).toMatchObject({ status: 0, stdout: "hello 42\n" });
  });

  it("runs -c and a program from stdin", () => {
    expect(skein(["-c", "print(1 + 1)"])).toMatchObject({ status: 0, stdout: "2\n" });
    expect(skein(["-"], "print('from stdin')\n")).toMatchObject({
      status: 0,
      stdout: "from stdin\n",
    });
  });

  it("exits 1 with a traceback after an uncaught exception", () => {
    const r = skein([script("boom.py", "print('before')\nx = 1 // 0\n")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toContain("Traceback (most recent call last):");
    expect(r.stderr).toContain("ZeroDivisionError: integer division or modulo by zero");
  });

  it("gives SystemExit's code and 2 for a bad command line", () => {
    expect(skein(["-c", "raise SystemExit(7)"]).status).toBe(7);
    expect(skein(["-c", "raise SystemExit('bye')"])).toMatchObject({ status: 1, stderr: "bye\n" });
    expect(skein(["--frobnicate"]).status).toBe(2);
    expect(skein(["-X", "jit=nonsense", "-c", "1"]).status).toBe(2);
    const missing = skein(["no-such-file.py"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("can't open file");
  });

  it("refuses the projection frontend, which does not exist yet, with exit status 2", () => {
    const r = skein(["-X", "frontend=project", "-c", "print(1)"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("frontend=project is not available yet");
    expect(skein(["-X", "frontend=record", "-c", "print(1)"]).stdout).toBe("1\n");
  });

  it("refuses a tier that does not exist yet with exit status 2", () => {
    const r = skein(["-X", "jit=wasm", "-c", "print(1)"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("jit=wasm is not available");
  });

  it("prints a SyntaxError with its position", () => {
    const r = skein([script("bad.py", "x = (1,\n")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('File "');
    expect(r.stderr).toContain("SyntaxError: '(' was never closed");
  });

  it("ends with MemoryError at the heap limit", () => {
    const r = skein(["-X", "heap-limit=32M", "-c", "x = [0]\nwhile True:\n    x = x + x\n"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("MemoryError");
  });

  it("prints the AST and the bytecode of a file (-m ast, -m dis)", () => {
    const file = script("small.py", "x = 1\n");
    const ast = skein(["-m", "ast", file]);
    expect(ast.status).toBe(0);
    expect(ast.stdout).toContain("Module(");
    expect(ast.stdout).toContain("Assign(");
    const dis = skein(["-m", "dis", file]);
    expect(dis.status).toBe(0);
    expect(dis.stdout).toContain("STORE_NAME");
  });

  it("writes statistics as JSON with -X stats", () => {
    const statsPath = join(dir, "stats.json");
    const r = skein([
      "-X",
      `stats=${statsPath}`,
      "-c",
      "t = 0\nfor i in range(100):\n    t = t + i\n",
    ]);
    expect(r.status).toBe(0);
    const stats = JSON.parse(readFileSync(statsPath, "utf8"));
    expect(Object.keys(stats).sort()).toEqual(["gc", "interp", "startup", "tracer"]);
    expect(stats.interp.specialization.BINARY_OP.successes).toBeGreaterThan(0);
    // The engine's thread ran its bundle from the code cache the build made ("modules" when a
    // package was rebuilt after the engine: the thread then imports the packages themselves).
    expect(["used", "modules"]).toContain(stats.startup.codeCache);
    expect(stats.startup.loadBundleMs).toBeGreaterThan(0);
    expect(stats.startup.createEngineMs).toBeGreaterThan(0);
  });
  // The REPL needs a terminal: `script` (util-linux) runs the command on a pseudo-terminal.
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)(
    "runs an interactive prompt on a terminal (through a pseudo-terminal)",
    () => {
      const input =
        'x = 6\nx * 7\n_ + 1\nNone\n"a" * 2\nfor i in range(2):\n    print(i)\n\n1/0\nimport sys\nsys.exit(3)\n';
      const r = spawnSync(
        "script",
        ["-q", "-e", "-c", `"${process.execPath}" "${cli}"`, "/dev/null"],
        {
          input,
          encoding: "utf8",
          cwd: dir,
          timeout: 60_000,
        },
      );
      const out = r.stdout.replace(/\r/g, "");
      expect(r.status).toBe(3);
      expect(out).toContain("Python 3.13 (Skein)");
      expect(out).toContain(">>> x * 7\n42\n>>> _ + 1\n43\n>>> None\n>>> \"a\" * 2\n'aa'\n");
      expect(out).toContain(">>> for i in range(2):\n...     print(i)\n... \n0\n1\n");
      expect(out).toContain("ZeroDivisionError: division by zero");
    },
  );
});
