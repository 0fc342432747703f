"""The HTTP server the tests' stand-ins (Bot API stubs, the load balancer) listen with."""

from __future__ import annotations

from http.server import ThreadingHTTPServer


class LocalServer(ThreadingHTTPServer):
    # socketserver's listen backlog is 5: 32 sellers connecting at once overflow it and the
    # kernel resets the rest ("Connection reset by peer"), which no real Bot API or nginx does.
    request_queue_size = 128
    daemon_threads = True
