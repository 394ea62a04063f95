# A module of a subpackage, importing from its parent with a relative import.
from ..helper import twice


def where():
    return twice(__name__.count("."))
