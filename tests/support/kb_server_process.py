"""kb-server as a child process on a free port, for the Python end-to-end
tests (tests/contract, tests/feeds): started with --port 0, its address read
from its log, ready when /readyz answers 200; stopped by stop()."""
import http.client
import re
import subprocess
import sys
import time


class KbServerProcess:
    def __init__(self, binary, db, log, extra_args=(), timeout_s=30):
        self.log = log
        self.process = subprocess.Popen([binary, "--db", str(db), "--port", "0", "--quiet", *extra_args],
                                        stdout=log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        self.port = self._wait_for_port(deadline)
        self._wait_until_ready(deadline)

    def _wait_for_port(self, deadline):
        while time.monotonic() < deadline:
            match = re.search(r"on http://127\.0\.0\.1:(\d+)/", self.log.read_text(errors="replace"))
            if match:
                return int(match.group(1))
            if self.process.poll() is not None:
                sys.exit(f"kb-server exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')}")
            time.sleep(0.05)
        sys.exit("kb-server did not print its address in time")

    def _wait_until_ready(self, deadline):
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/readyz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        sys.exit("kb-server: /readyz did not answer 200 in time")

    def request(self, method, path, body=None, headers=None, timeout_s=60):
        """(status, Content-Type header or "", body bytes, response); raises OSError."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout_s)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheader("content-type") or "", response.read(), response
        finally:
            connection.close()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
