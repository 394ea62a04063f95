# Builtin generic aliases in evaluated annotations need types.GenericAlias (list[int]).
def f(a: list[int], b: dict[str, tuple[int, ...]]) -> set[bytes]:
    return set()


print(f.__annotations__)


class C:
    x: list[int | None]
    y: type[int]


print(C.__annotations__)
