#!/usr/bin/env python3
"""A local SMTP server for the tests (issue 17), on aiosmtpd.

Accepts every message and writes it to DIR as <n>.eml (the envelope's recipients in a first
X-Envelope-To header), refuses with 550 any recipient whose local part starts with "bounce",
and writes its port to DIR/port once it listens. Runs until killed, or, given PARENT, until
that process has gone (a test process that started it and ended).

    smtp_server.py DIR [PARENT]
"""
import itertools
import os
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].lower().startswith("bounce"):
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.counter)
        path = os.path.join(self.folder, "%d-%d.eml" % (os.getpid(), n))
        with open(path + ".part", "wb") as f:
            f.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content)
        os.rename(path + ".part", path)
        return "250 2.0.0 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    port = free_port()
    controller = Controller(Handler(folder), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(folder, "port.part"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
    parent = int(sys.argv[2]) if len(sys.argv) > 2 else None
    while True:
        time.sleep(1)
        if parent is not None:
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                controller.stop()
                return


if __name__ == "__main__":
    main()
