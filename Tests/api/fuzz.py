"""Fuzzes the JSON API against its own OpenAPI document with schemathesis.

Run by Deploy/test as `python Tests/api/fuzz.py PROGRAM` from a venv holding schemathesis. Starts
`disclosure serve` on a throwaway embedded database with the demo district and cases, adds an
officer with an API token of its own (the demo accounts' passwords are not relied on), then lets
schemathesis send generated requests, valid and invalid, to every operation of
/api/v1/openapi.json. The document is taken as the service serves it, with two inputs narrowed so
that generated requests get past the first check and into the code behind it: an intake's
agencyID is the officer's agency, and a case id is one of that agency's cases (unknown ids and
agencies are covered by OpenAPIDocumentTests). A request fails when the service answers 5xx, or
with a status, a Content-Type or a body that the document does not promise for that operation.
Prints the failures, then one line, `api: N passed, N failed` (operations), and exits 1 on any
failure. The server's log and schemathesis' log and JUnit report go to Tests/api/artifacts/.

Environment: API_FUZZ_EXAMPLES (examples per operation; default 100, about 1.5 minutes on 2
cores), API_FUZZ_SEED (default 2024, so that a run can be repeated).
"""
import json
import os
import re
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
    env["DISCLOSURE_SCHEMA_DIR"] = os.path.join(HERE, "..", "..", "Schema")

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
        status, summary = fuzz(base, token)
        if server.poll() is not None:
            log.flush()
            print("The service died during the run (Tests/api/artifacts/server.log):")
            print(last_words(os.path.join(ARTIFACTS, "server.log")))
            status = 1
        print(summary)
        return status
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


def get(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if token else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def narrowed_document(base, token):
    """The served document, with the intake's agency and the case ids narrowed to the officer's own."""
    document = get(base + "/api/v1/openapi.json")
    agency = next(a["id"] for a in get(base + "/api/v1/agencies", token) if a["code"] == "szq-zjj")
    cases = [c["id"] for c in get(base + f"/api/v1/cases?agency={agency}&pageSize=500", token)["cases"]]
    document["components"]["schemas"]["Intake"]["properties"]["agencyID"] = {"type": "integer", "enum": [agency]}
    for path in ("/api/v1/cases/{id}", "/api/v1/cases/{id}/events"):
        for operation in document["paths"][path].values():
            for parameter in operation.get("parameters", []):
                # Shared parameters (the Idempotency-Key header) are references: left as they are.
                if parameter.get("name") == "id":
                    parameter["schema"] = {"type": "integer", "enum": cases}
    location = os.path.join(ARTIFACTS, "openapi-narrowed.json")
    with open(location, "w") as out:
        json.dump(document, out, ensure_ascii=False)
    return location


def fuzz(base, token):
    junit = os.path.join(ARTIFACTS, "junit.xml")
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    command = [
        schemathesis, "run", narrowed_document(base, token), "--url", base,
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
        "--header", "Authorization: Bearer " + token,
        "--max-examples", os.environ.get("API_FUZZ_EXAMPLES", "100"),
        "--seed", os.environ.get("API_FUZZ_SEED", "2024"),
        "--phases", "examples,coverage,fuzzing,stateful",
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
        print(failures_section(result.stdout))
        failed = max(failed, 1)
    print(f"(schemathesis took {time.monotonic() - started:.0f} s; log and JUnit report in Tests/api/artifacts)")
    return (0 if result.returncode == 0 and failed == 0 else 1), f"api: {passed} passed, {failed} failed"


def last_words(path):
    """The runtime's reason and the first frames in our own sources, from a crashed service's log."""
    with open(path, errors="replace") as log:
        lines = log.read().splitlines()
    reasons = [line for line in lines if "Fatal error" in line or "runtime failure" in line]
    frames = [line.strip() for line in lines if re.search(r"/Sources/(Disclosure|LibPQ|disclosure)", line)][:4]
    return "\n".join(reasons[:2] + frames) or "\n".join(lines[-10:])


def failures_section(output):
    """The failures and errors as schemathesis words them (each operation, the check that failed, a curl to
    reproduce it), without its banner, warnings and summary; the whole output's end if it has no such section."""
    lines = output.splitlines()
    headers = [i for i, line in enumerate(lines) if re.match(r"^=+ [A-Za-z ]+ =+$", line)]
    kept = []
    for start, end in zip(headers, headers[1:] + [len(lines)]):
        if re.search(r" (FAILURES|ERRORS) ", lines[start]):
            kept += lines[start:end]
    return "\n".join(line for line in kept if "discord" not in line.lower() and "Need more help" not in line) or output[-6000:]


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
