# DeltaBlue: an incremental dataflow constraint solver (Freeman-Benson and Maloney). Variables are
# connected by constraints of different strengths; adding or removing a constraint re-plans only
# the affected part of the graph by walking "walkabout strengths" outward, and a plan (an ordered
# list of constraints) recomputes the outputs when inputs change. Two workloads: a long chain of
# equalities driven from one end, and a projection of many variables through scale-and-offset
# constraints driven from either side. Exercises classes, inheritance, lists as work queues and
# many small method calls.


class Strength:
    def __init__(self, rank, name):
        self.rank = rank  # lower is stronger
        self.name = name

    def stronger(self, other):
        return self.rank < other.rank

    def weaker(self, other):
        return self.rank > other.rank

    def weakest_of(self, other):
        return self if self.rank > other.rank else other


REQUIRED = Strength(0, "required")
STRONG_PREFERRED = Strength(1, "strongPreferred")
PREFERRED = Strength(2, "preferred")
STRONG_DEFAULT = Strength(3, "strongDefault")
NORMAL = Strength(4, "normal")
WEAK_DEFAULT = Strength(5, "weakDefault")
WEAKEST = Strength(6, "weakest")
BY_STRENGTH = [REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST]

NONE, FORWARD, BACKWARD = 0, 1, 2


class SolverError(Exception):
    pass


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def attach(self, c):
        self.constraints.append(c)

    def detach(self, c):
        self.constraints.remove(c)
        if self.determined_by is c:
            self.determined_by = None


class Constraint:
    is_input = False

    def __init__(self, planner, strength):
        self.planner = planner
        self.strength = strength

    def install(self):
        self.add_to_graph()
        self.planner.incremental_add(self)

    def uninstall(self):
        if self.is_satisfied():
            self.planner.incremental_remove(self)
        else:
            self.remove_from_graph()

    def satisfy(self, mark):
        # Pick a direction; if one exists, take over the output and return the constraint that
        # used to determine it (now unsatisfied), or None.
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise SolverError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        previous = out.determined_by
        if previous is not None:
            previous.mark_unsatisfied()
        out.determined_by = self
        if not self.planner.add_propagate(self, mark):
            raise SolverError("cycle")
        out.mark = mark
        return previous


class UnaryConstraint(Constraint):
    def __init__(self, planner, v, strength):
        Constraint.__init__(self, planner, strength)
        self.out = v
        self.satisfied = False
        self.install()

    def add_to_graph(self):
        self.out.attach(self)
        self.satisfied = False

    def remove_from_graph(self):
        self.out.detach(self)
        self.satisfied = False

    def choose_method(self, mark):
        self.satisfied = self.out.mark != mark and self.strength.stronger(self.out.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.out

    def recalculate(self):
        self.out.walk_strength = self.strength
        self.out.stay = not self.is_input
        if self.out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def execute(self):
        pass


class StayConstraint(UnaryConstraint):
    pass


class EditConstraint(UnaryConstraint):
    is_input = True


class BinaryConstraint(Constraint):
    def __init__(self, planner, a, b, strength):
        Constraint.__init__(self, planner, strength)
        self.a = a
        self.b = b
        self.direction = NONE
        self.install()

    def add_to_graph(self):
        self.a.attach(self)
        self.b.attach(self)
        self.direction = NONE

    def remove_from_graph(self):
        self.a.detach(self)
        self.b.detach(self)
        self.direction = NONE

    def choose_method(self, mark):
        a, b, s = self.a, self.b, self.strength
        if a.mark == mark:
            self.direction = FORWARD if b.mark != mark and s.stronger(b.walk_strength) else NONE
        elif b.mark == mark:
            self.direction = BACKWARD if a.mark != mark and s.stronger(a.walk_strength) else NONE
        elif a.walk_strength.weaker(b.walk_strength):
            self.direction = BACKWARD if s.stronger(a.walk_strength) else NONE
        else:
            self.direction = FORWARD if s.stronger(b.walk_strength) else NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.a if self.direction == FORWARD else self.b

    def output(self):
        return self.b if self.direction == FORWARD else self.a

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    # b = a * scale + offset, or a = (b - offset) / scale backwards
    def __init__(self, planner, a, scale, offset, b, strength):
        self.scale = scale
        self.offset = offset
        BinaryConstraint.__init__(self, planner, a, b, strength)

    def add_to_graph(self):
        BinaryConstraint.add_to_graph(self)
        self.scale.attach(self)
        self.offset.attach(self)

    def remove_from_graph(self):
        BinaryConstraint.remove_from_graph(self)
        self.scale.detach(self)
        self.offset.detach(self)

    def mark_inputs(self, mark):
        BinaryConstraint.mark_inputs(self, mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.b.value = self.a.value * self.scale.value + self.offset.value
        else:
            self.a.value = (self.b.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Plan:
    def __init__(self):
        self.steps = []

    def execute(self):
        for c in self.steps:
            c.execute()


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, c):
        mark = self.new_mark()
        overridden = c.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, c):
        out = c.output()
        c.mark_unsatisfied()
        c.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        for strength in BY_STRENGTH:
            for u in unsatisfied:
                if u.strength is strength:
                    self.incremental_add(u)

    def add_propagate(self, c, mark):
        todo = [c]
        while todo:
            d = todo.pop()
            if d.output().mark == mark:
                self.incremental_remove(c)
                return False
            d.recalculate()
            self.consumers_of(d.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        while todo:
            v = todo.pop()
            for c in v.constraints:
                if not c.is_satisfied():
                    unsatisfied.append(c)
            determining = v.determined_by
            for c in v.constraints:
                if c is not determining and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
        return unsatisfied

    def consumers_of(self, v, into):
        determining = v.determined_by
        for c in v.constraints:
            if c is not determining and c.is_satisfied():
                into.append(c)

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = Plan()
        todo = list(sources)
        head = 0
        while head < len(todo):
            c = todo[head]
            head += 1
            out = c.output()
            if out.mark != mark and c.inputs_known(mark):
                plan.steps.append(c)
                out.mark = mark
                self.consumers_of(out, todo)
        return plan

    def plan_for(self, constraints):
        return self.make_plan([c for c in constraints if c.is_input and c.is_satisfied()])


def chain(n):
    planner = Planner()
    vars_ = [Variable(f"v{i}") for i in range(n + 1)]
    for i in range(n):
        EqualityConstraint(planner, vars_[i], vars_[i + 1], REQUIRED)
    StayConstraint(planner, vars_[n], STRONG_DEFAULT)
    edit = EditConstraint(planner, vars_[0], PREFERRED)
    plan = planner.plan_for([edit])
    total = 0
    for value in range(100):
        vars_[0].value = value
        plan.execute()
        if vars_[n].value != value:
            raise SolverError("chain failed")
        total += vars_[n].value
    edit.uninstall()
    return total + len(plan.steps)


def change(planner, v, value):
    edit = EditConstraint(planner, v, PREFERRED)
    plan = planner.plan_for([edit])
    for _ in range(10):
        v.value = value
        plan.execute()
    edit.uninstall()
    return len(plan.steps)


def projection(n):
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    src = dst = None
    dests = []
    for i in range(n):
        src = Variable(f"src{i}", i)
        dst = Variable(f"dst{i}", i)
        dests.append(dst)
        StayConstraint(planner, src, NORMAL)
        ScaleConstraint(planner, src, scale, offset, dst, REQUIRED)
    steps = change(planner, src, 17)
    if dst.value != 1170:
        raise SolverError("projection 1 failed")
    steps += change(planner, dst, 1050)
    if src.value != 5:
        raise SolverError("projection 2 failed")
    steps += change(planner, scale, 5)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 1000:
            raise SolverError("projection 3 failed")
    steps += change(planner, offset, 2000)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 2000:
            raise SolverError("projection 4 failed")
    return steps + sum(d.value for d in dests)


total = 0
for _ in range(12):
    total += chain(1000)
    total += projection(1000)
print("checksum", total)
