# The import system: modules and packages beside the program, relative imports, from-imports,
# importlib, sys.modules, and the errors of a failing import.
import sys

sys.path.insert(0, __file__.rpartition("/")[0] or ".")

import importdemo
from importdemo import helper
from importdemo.sub import leaf
import importdemo.sub.leaf as leaf2
import importlib

print(importdemo.NAME, helper.twice(21), leaf.where(), leaf2 is leaf)
print(importdemo.__name__, helper.__name__, leaf.__name__, leaf.__package__, importdemo.__package__)
print("importdemo.helper" in sys.modules, sys.modules["importdemo.sub.leaf"] is leaf)
print(importlib.import_module("importdemo.helper") is helper)
print(importlib.import_module(".leaf", "importdemo.sub") is leaf)
print(__name__, importdemo.sub.__name__)
import keyword, __future__
print(keyword.iskeyword("class"), keyword.iskeyword("match"), keyword.issoftkeyword("match"))
print(__future__.annotations)
for name in ("no_such_module", "importdemo.missing", "importdemo.helper.x"):
    try:
        importlib.import_module(name)
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    from importdemo import nothing_here
except ImportError as e:
    print(type(e).__name__)
