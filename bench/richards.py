# Richards: Martin Richards' simulation of a small operating-system kernel. Six tasks (an idle
# task, a worker, two packet handlers and two devices) share a priority-ordered task list and
# exchange packets; the scheduler runs the highest-priority task that is ready. The numbers of
# packets queued and of times a task held itself are the classic checks (23246 and 9297 for a
# count of 10000). Exercises classes, attribute access, virtual dispatch and linked lists.

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
DATA_SIZE = 4


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner  # the task the packet is addressed to
        self.kind = kind
        self.count = 0
        self.data = [0] * DATA_SIZE

    def append_to(self, queue):
        # Put this packet at the end of `queue`; return the new head.
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    def __init__(self, kernel, ident, priority, queue, runnable):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue  # packets waiting for this task
        self.waiting = False  # blocked until a packet arrives
        self.held = False  # suspended by another task
        self.has_packet = queue is not None
        self.next = kernel.tasks
        kernel.tasks = self
        kernel.by_id[ident] = self
        if not runnable:
            self.waiting = True

    def blocked(self):
        return self.held or (self.waiting and not self.has_packet)

    def take_packet(self):
        # Called when the task is scheduled: a task that was waiting for a packet gets the first
        # one; a task that is merely runnable runs without one even if packets are queued.
        if self.waiting and self.has_packet:
            packet = self.queue
            self.queue = packet.link
            self.has_packet = self.queue is not None
            self.waiting = False
            return packet
        return None

    def receive(self, packet, sender):
        # A packet arrives; return the task that should run next.
        if self.queue is None:
            self.queue = packet
            self.has_packet = True
            if self.priority > sender.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
            self.has_packet = True
        return sender


class IdleTask(Task):
    def __init__(self, kernel, ident, priority, queue, count):
        Task.__init__(self, kernel, ident, priority, queue, True)
        self.seed = 1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.kernel.hold_self()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.kernel.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.kernel.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        Task.__init__(self, kernel, ident, priority, queue, False)
        self.destination = HANDLER_A
        self.letter = 0

    def run(self, packet):
        if packet is None:
            return self.kernel.wait()
        self.destination = HANDLER_A if self.destination == HANDLER_B else HANDLER_B
        packet.owner = self.destination
        packet.count = 0
        for i in range(DATA_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            packet.data[i] = self.letter
        return self.kernel.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        Task.__init__(self, kernel, ident, priority, queue, False)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        if self.work is not None:
            work = self.work
            index = work.count
            if index >= DATA_SIZE:
                self.work = work.link
                return self.kernel.send(work)
            if self.devices is not None:
                device = self.devices
                self.devices = device.link
                device.count = work.data[index]
                work.count = index + 1
                return self.kernel.send(device)
        return self.kernel.wait()


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        Task.__init__(self, kernel, ident, priority, queue, False)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.kernel.wait()
            done = self.pending
            self.pending = None
            return self.kernel.send(done)
        self.pending = packet
        return self.kernel.hold_self()


class Kernel:
    def __init__(self):
        self.tasks = None
        self.by_id = [None] * 6
        self.current = None
        self.queued = 0
        self.holds = 0

    def hold_self(self):
        self.holds += 1
        self.current.held = True
        return self.current.next

    def wait(self):
        self.current.waiting = True
        return self.current

    def release(self, ident):
        task = self.by_id[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, packet):
        target = self.by_id[packet.owner]
        self.queued += 1
        packet.link = None
        packet.owner = self.current.ident
        return target.receive(packet, self.current)

    def schedule(self):
        self.current = self.tasks
        while self.current is not None:
            task = self.current
            if task.blocked():
                self.current = task.next
            else:
                self.current = task.run(task.take_packet())


def run_once(count):
    k = Kernel()
    IdleTask(k, IDLE, 0, None, count)
    work = Packet(None, WORKER, KIND_WORK)
    work = Packet(work, WORKER, KIND_WORK)
    WorkerTask(k, WORKER, 1000, work)
    queue = Packet(None, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    HandlerTask(k, HANDLER_A, 2000, queue)
    queue = Packet(None, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    HandlerTask(k, HANDLER_B, 3000, queue)
    DeviceTask(k, DEVICE_A, 4000, None)
    DeviceTask(k, DEVICE_B, 5000, None)
    k.schedule()
    return k.queued, k.holds


results = [run_once(10000) for _ in range(10)]
print("checksum", results[0][0], results[0][1], len(set(results)))
