"""Fuzzes the JSON API against its own OpenAPI document with schemathesis.

Run by Deploy/test as `python Tests/api/fuzz.py PROGRAM` from a venv holding schemathesis. Starts
`disclosure serve` on a throwaway embedded database with the demo district and cases, adds an
officer with an API token of its own (the demo accounts' passwords are not relied on), then lets
schemathesis send generated requests, valid and invalid, to every operation of
/api/v1/openapi.json. A request fails when the service answers 5xx, or with a status, a
Content-Type or a body that the document does not promise for that operation. Prints one line,
`api: N passed, N failed`, with the failures above it, and exits 1 on any failure. The server's
log and schemathesis' JUnit report go to Tests/api/artifacts/.

Environment: API_FUZZ_EXAMPLES (examples per operation, default 40), API_FUZZ_SEED (default 2024).
"""
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
ARTIFACTS = os.path.join(HERE, "artifacts")
TODAY = "2026-06-12"
USERNAME = "api.fuzz"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(program):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    os.makedirs(ARTIFACTS)
    os.makedirs("/tmp/disclosure-tests", exist_ok=True)
    folder = tempfile.mkdtemp(prefix="api-", dir="/tmp/disclosure-tests")
    # Run as root, the embedded cluster belongs to the postgres user, which must reach the folder.
    os.chmod(folder, 0o755)
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["DISCLOSURE_DATA_DIR"] = folder

    def run(*args):
        return subprocess.run([program, *args], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout

    server = None
    log = open(os.path.join(ARTIFACTS, "server.log"), "w")
    try:
        run("demo", "generate", "--cases", "60", "--today", TODAY)
        password = "Fz-" + secrets.token_urlsafe(12)
        run("user", "add", "--username", USERNAME, "--name", "接口测试", "--role", "officer", "--agency", "szq-zjj",
            "--password", password)
        token = run("user", "token", USERNAME, "--name", "schemathesis").strip()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([program, "serve", "--port", str(port), "--today", TODAY],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_for(base + "/health", server)
        return fuzz(base, token)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def wait_for(url, server):
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("the service stopped at start; see Tests/api/artifacts/server.log")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError("the service did not start; see Tests/api/artifacts/server.log")


def fuzz(base, token):
    junit = os.path.join(ARTIFACTS, "junit.xml")
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    command = [
        schemathesis, "run", base + "/api/v1/openapi.json",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
        "--header", "Authorization: Bearer " + token,
        "--max-examples", os.environ.get("API_FUZZ_EXAMPLES", "40"),
        "--seed", os.environ.get("API_FUZZ_SEED", "2024"),
        "--phases", "examples,coverage,fuzzing",
        "--workers", "2",
        "--request-timeout", "30",
        "--no-color",
        "--report", "junit", "--report-junit-path", junit,
    ]
    started = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(ARTIFACTS, "schemathesis.log"), "w") as out:
        out.write(result.stdout)
    passed, failed = counts(junit)
    if result.returncode != 0:
        # The failures as schemathesis words them: each endpoint, the check, and a curl to reproduce.
        failures = result.stdout.split("FAILURES", 1)[-1] if "FAILURES" in result.stdout else result.stdout[-6000:]
        print(failures.strip()[:20000])
        failed = max(failed, 1)
    print(f"(schemathesis took {time.monotonic() - started:.0f} s; log and JUnit report in Tests/api/artifacts)")
    print(f"api: {passed} passed, {failed} failed")
    return 0 if result.returncode == 0 and failed == 0 else 1


def counts(junit):
    """Operations that passed and failed, from schemathesis' JUnit report (one test case per operation)."""
    try:
        cases = list(ElementTree.parse(junit).getroot().iter("testcase"))
    except (OSError, ElementTree.ParseError):
        return 0, 0
    failed = sum(1 for case in cases if case.find("failure") is not None or case.find("error") is not None)
    return len(cases) - failed, failed


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fuzz.py PATH-TO-disclosure")
    sys.exit(main(sys.argv[1]))
