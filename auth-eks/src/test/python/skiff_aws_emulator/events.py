"""What the emulator did, in order, for tests to read back through the control server: token
reviews (by cluster, signing key id, outcome) and AssumeRole sessions handed out. Each event is
recorded before the answer that it describes is sent, so a client that got the answer finds it.
Holds key ids and ARNs only, never secrets."""
import threading


class Events:

    def __init__(self):
        self._events = []
        self._lock = threading.Lock()

    def record(self, **event):
        with self._lock:
            self._events.append(event)

    def all(self):
        with self._lock:
            return list(self._events)
