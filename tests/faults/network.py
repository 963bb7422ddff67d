"""Network faults on 127.0.0.1: a proxy that dies mid-request (an S3 server going away during
an upload, while the server behind it, and what it stored, stays there to be inspected), and a
server that accepts connections and never answers (a hung dependency)."""
from __future__ import annotations

import socket
import struct
import threading

from ignition.localpg import free_port

CHUNK = 64 * 1024


class CuttingProxy:
    """Forwards connections to `upstream`. Once `cut_after` bytes have gone upstream (all
    connections together), it resets every connection and closes its port: requests in flight
    break off mid-body, new ones are refused — until `reopen()`."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self.cut_after: int | None = None
        self.sent = 0
        self.was_cut = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.reopen()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reopen(self) -> None:
        """Listen again on the same port, with no limit."""
        with self._lock:
            self.cut_after, self.sent = None, 0
            self._listener = socket.create_server(("127.0.0.1", self.port))  # SO_REUSEADDR on POSIX
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def cut(self) -> None:
        """Reset every connection and stop listening."""
        with self._lock:
            self.was_cut = True
            listener, self._listener = self._listener, None
            sockets, self._sockets = self._sockets, set()
        if listener is not None:
            listener.close()
        for sock in sockets:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST, not FIN
                sock.shutdown(socket.SHUT_RDWR)  # wakes the pump blocked in recv
            except OSError:
                pass
            sock.close()

    close = cut

    def _accept(self, listener: socket.socket) -> None:
        while True:  # ends when the listener is closed (cut or close)
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, upstream_bound: bool) -> None:
        while True:  # ends at EOF or when either socket is shut
            try:
                data = source.recv(CHUNK)
            except OSError:
                return
            if not data:
                break
            if upstream_bound and self._count(len(data)):
                self.cut()
                return
            try:
                target.sendall(data)
            except OSError:
                return
        try:
            target.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _count(self, size: int) -> bool:
        """Count bytes going upstream; True when the limit is reached."""
        with self._lock:
            self.sent += size
            return self.cut_after is not None and self.sent >= self.cut_after


class SilentServer:
    """Accepts connections on 127.0.0.1, takes what is sent, never answers: a hung dependency."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:  # ends when the listener is closed
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(connection)
            threading.Thread(target=self._drain, args=(connection,), daemon=True).start()

    @staticmethod
    def _drain(connection: socket.socket) -> None:
        while True:  # ends when the connection is closed by either side
            try:
                if not connection.recv(CHUNK):
                    return
            except OSError:
                return

    def close(self) -> None:
        self._listener.close()
        for connection in self._sockets:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()
