// The import system over real files: a temporary folder of modules beside a main script, run
// through the engine with the default grants (the clock, reading under the script's folder).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createEngine } from "@skein/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let root = "";
let outside = "";

function write(rel: string, text: string, base = root): void {
  const path = join(base, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Run `source` as the main script `main.py` of the temporary folder. */
function run(source: string, name = "main.py"): { out: string; err: string; code: number } {
  let out = "";
  let err = "";
  const engine = createEngine({
    heapLimit: "128M",
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  const file = join(root, name);
  writeFileSync(file, source);
  const { exitCode } = engine.runMain(source, file);
  return { out, err, code: exitCode };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "skein-imports-"));
  outside = mkdtempSync(join(tmpdir(), "skein-outside-"));
  write("beside.py", "VALUE = 42\nprint('beside runs as', __name__)\n");
  write("pkg/__init__.py", "from .core import answer\nLOADED = True\n");
  write("pkg/core.py", "def answer():\n    return 'core answer'\n");
  write("pkg/sub/__init__.py", "");
  write(
    "pkg/sub/deep.py",
    "from .. import core\nfrom ..core import answer\nfrom . import sibling\n" +
      "def where():\n    return __name__, __package__, sibling.NAME, answer() == core.answer()\n",
  );
  write("pkg/sub/sibling.py", "NAME = 'sibling'\n");
  write("circ_a.py", "import circ_b\nA = 'a'\ndef from_b():\n    return circ_b.B\n");
  write("circ_b.py", "import circ_a\nB = 'b'\nprint('b sees a partial:', hasattr(circ_a, 'A'))\n");
  write("circ_c.py", "from circ_d import D\nC = 'c'\n");
  write("circ_d.py", "from circ_c import C\nD = 'd'\n");
  write("broken.py", "X = 1\nraise ValueError('broken at import')\n");
  write(
    "main_guard.py",
    "def f():\n    return 'f'\nif __name__ == '__main__':\n    print('guarded')\n",
  );
  write("lib/onpath.py", "WHO = 'on sys.path'\n");
  write("secret.py", "TOKEN = 'outside'\n", outside);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe("imports of Python files", () => {
  it("finds a module beside the main script, once, with __name__ and __file__", () => {
    const r = run(
      "import beside\nimport beside as again\nimport sys\n" +
        "print(beside.VALUE, again is beside, beside.__name__, beside.__file__.endswith('beside.py'))\n" +
        "print(__name__, sys.modules['beside'] is beside)\n",
    );
    expect(r.err).toBe("");
    expect(r.out).toBe("beside runs as beside\n42 True beside True\n__main__ True\n");
  });

  it("imports packages, submodules and relative imports", () => {
    const r = run(
      "import pkg\nimport pkg.sub.deep\nfrom pkg.sub import deep, sibling\n" +
        "print(pkg.LOADED, pkg.answer(), pkg.__path__[0].endswith('pkg'), pkg.__package__)\n" +
        "print(deep.where(), pkg.sub.deep is deep, sibling.__name__)\n",
    );
    expect(r.err).toBe("");
    expect(r.out).toBe(
      "True core answer True pkg\n" +
        "('pkg.sub.deep', 'pkg.sub', 'sibling', True) True pkg.sub.sibling\n",
    );
  });

  it("imports through importlib.import_module, absolute and relative", () => {
    const r = run(
      "import importlib\nm = importlib.import_module('pkg.core')\n" +
        "r = importlib.import_module('.sibling', 'pkg.sub')\n" +
        "print(m.answer(), r.NAME, importlib.import_module('pkg') is importlib.import_module('pkg'))\n" +
        "try:\n    importlib.import_module('.x')\nexcept TypeError as e:\n    print(type(e).__name__, e)\n",
    );
    expect(r.err).toBe("");
    expect(r.out).toBe(
      "core answer sibling True\n" +
        "TypeError the 'package' argument is required to perform a relative import for '.x'\n",
    );
  });

  it("lets circular imports see the partial module, as CPython does", () => {
    const r = run(
      "import circ_a\nprint(circ_a.from_b())\n" +
        "try:\n    import circ_c\nexcept ImportError as e:\n    print(type(e).__name__, e)\n",
    );
    expect(r.err).toBe("");
    expect(r.out).toBe(
      "b sees a partial: False\nb\n" +
        "ImportError cannot import name 'C' from partially initialized module 'circ_c' " +
        "(most likely due to a circular import) (" +
        join(root, "circ_c.py") +
        ")\n",
    );
  });

  it("removes a module whose code fails from sys.modules", () => {
    const r = run(
      "import sys\ntry:\n    import broken\nexcept ValueError as e:\n    print(e, 'broken' in sys.modules)\n",
    );
    expect(r.out).toBe("broken at import False\n");
  });

  it("runs the __main__ guard only in the main script", () => {
    const r = run("import main_guard\nprint(main_guard.f())\n");
    expect(r.out).toBe("f\n");
    const direct = run(
      "def f():\n    return 'f'\nif __name__ == '__main__':\n    print('guarded')\n",
      "main_guard_main.py",
    );
    expect(direct.out).toBe("guarded\n");
  });

  it("searches the folders added to sys.path", () => {
    const r = run(
      "import sys\nsys.path.append(__file__.rpartition('/')[0] + '/lib')\n" +
        "import onpath\nprint(onpath.WHO)\n",
    );
    expect(r.out).toBe("on sys.path\n");
  });

  it("does not read outside the granted folder: imports fail, open() raises PermissionError", () => {
    const r = run(
      `import sys\nsys.path.append(${JSON.stringify(outside)})\n` +
        "try:\n    import secret\nexcept ModuleNotFoundError as e:\n    print(type(e).__name__, e)\n" +
        `try:\n    open(${JSON.stringify(join(outside, "secret.py"))})\n` +
        "except PermissionError as e:\n    print(type(e).__name__)\n",
    );
    expect(r.out).toBe("ModuleNotFoundError No module named 'secret'\nPermissionError\n");
  });

  it("reports a missing module with its name", () => {
    const r = run(
      "try:\n    import pkg.nothere\nexcept ModuleNotFoundError as e:\n    print(e, e.name)\n" +
        "try:\n    from pkg import nothere\nexcept ImportError as e:\n    print(type(e).__name__, e.name)\n",
    );
    expect(r.out).toBe("No module named 'pkg.nothere' pkg.nothere\nImportError pkg\n");
  });
});

describe("the traceback of an imported module", () => {
  it("shows the module's source lines", () => {
    const r = run(
      "import traceback\ntry:\n    import broken\nexcept ValueError:\n" +
        "    print(traceback.format_exc().replace(__file__.rpartition('/')[0], 'DIR'))\n",
    );
    expect(r.out).toContain(
      "  File \"DIR/broken.py\", line 2, in <module>\n    raise ValueError('broken at import')\n",
    );
  });
});

describe("dis", () => {
  it("prints a function's bytecode as @skein/bytecode disassembles it", () => {
    const r = run(
      "import dis, io\ndef f(a):\n    return a + 1\nout = io.StringIO()\ndis.dis(f, file=out)\n" +
        "text = out.getvalue()\nprint(text.splitlines()[0].split()[0], 'RETURN_VALUE' in text)\n" +
        "print([i.opname for i in dis.get_instructions(f)][0], dis.opname[dis.opmap['RESUME']])\n",
    );
    expect(r.err).toBe("");
    expect(r.out).toBe("2 True\nRESUME RESUME\n");
  });
});
