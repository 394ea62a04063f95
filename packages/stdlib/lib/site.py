"""CPython's site module, as far as Skein has one: there are no site-packages, and the builtins
exit() and quit() (instances of _sitebuiltins.Quitter, made by the builtins module at start-up) are
already in place when a program starts.
"""

ENABLE_USER_SITE = False
PREFIXES = []
