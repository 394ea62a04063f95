# A package for imports.py (prints nothing when run alone).
NAME = "demo"
from . import helper
