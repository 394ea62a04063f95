"""What CPython's site module adds to builtins for every program (Skein's has no site-packages).

exit() and quit() end the program by raising SystemExit; their repr tells how to leave the
interactive prompt, as CPython's does.
"""

import builtins


class Quitter(object):
    def __init__(self, name, eof):
        self.name = name
        self.eof = eof

    def __repr__(self):
        return 'Use %s() or %s to exit' % (self.name, self.eof)

    def __call__(self, code=None):
        raise SystemExit(code)


builtins.exit = Quitter('exit', 'Ctrl-D (i.e. EOF)')
builtins.quit = Quitter('quit', 'Ctrl-D (i.e. EOF)')
