"""`make bench`: the portal at network scale, under load, measured.

Builds a PostgreSQL database with the demo network and a generated one (200
schools, 20,000 events, 5,000 stories, 200,000 registrations at --scale 1),
serves it with gunicorn under the production settings, and loads each page
type from wrk in a separate process: first with the page and listing caches off
(PAGE_CACHE_SECONDS=0, so every request renders its page), then with them on.
A static file served by the same gunicorn is the reference. Last,
50 connections register for one workshop at once and the seats are counted.

Writes var/bench/scale-<percent>.json and .md, keeps the JSON in
benchmark/results/, and puts the table of every size measured into the README.
"""

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
OUT = PROJECT / "var/bench"
RESULTS = PROJECT / "benchmark/results"
README = PROJECT / "README.md"
TABLE_START = "<!-- bench:start -->"
TABLE_END = "<!-- bench:end -->"

# The targets of the issue this benchmark answers to.
UNCACHED_P95_MS = 100
REGISTRATION_P95_MS = 150
CACHED_SHARE_OF_STATIC = 0.5

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "errors": %d, "bad_status": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""

# Each request registers a new person: thread number and counter make the address.
WRK_REGISTER = (
    """
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
init = function(args)
  token, cookie, run = args[1], args[2], args[3]
end
request = function()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. token
    .. "&name=Slodzes+dal%C4%ABbnieks&organisation=Ekoskola&participants=1"
    .. "&consent=on&website=&email=slodze-" .. run .. "-" .. thread_number
    .. "-" .. counter .. "%40example.lv"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }, body)
end
"""
    + WRK_REPORT
)


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(base, name):
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    maintenance = database_url(url, "postgres")
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


class Portal:
    """manage.py and gunicorn under the bench settings (production plus the
    benchmark commands), on one database."""

    def __init__(self, database, redis_url):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
            "DATABASE_URL": database,
            "REDIS_URL": redis_url,
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            # Plain HTTP on loopback: no proxy ends TLS in front of it here.
            "SECURE_SSL_REDIRECT": "0",
            # One address sends every registration of the load.
            "EVENTS_SUBMISSIONS_PER_MINUTE": "100000000",
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args, capture=False, **env):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env={**self.env, **env},
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else None,
        )
        return result.stdout

    def serve(self, port, workers, **env):
        process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "portal.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--log-level=warning",
                "--timeout=60",
            ],
            cwd=PROJECT,
            env={**self.env, **env},
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2
                ):
                    return process
            except OSError:
                time.sleep(0.3)
        stop(process)
        raise RuntimeError("gunicorn did not answer /healthz within a minute")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wrk(url, *, seconds, connections, script, args=()):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        result = subprocess.run(
            [
                shutil.which("wrk") or "wrk",
                f"--threads={min(2, connections)}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                "--timeout=10s",
                f"--script={file.name}",
                url,
                *(["--", *args] if args else []),
            ],
            check=True,
            text=True,
            capture_output=True,
        )
    finally:
        os.unlink(file.name)
    line = next(
        line for line in result.stdout.splitlines() if line.startswith("BENCH ")
    )
    raw = json.loads(line[len("BENCH ") :])
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": raw["errors"],
        "bad_status": raw["bad_status"],
    }


def check_answers(base, targets):
    """Every target answers 200 with its content before it is timed: a fast 404
    or an empty page proves nothing."""
    for target in targets:
        body = ""
        try:
            url = base + target["path"]  # http://localhost only
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                status = response.status
                body = response.read().decode()
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            raise RuntimeError(f"{target['path']} answered {status}, not 200")
        if target["expect"] not in body:
            raise RuntimeError(f"{target['path']} does not show {target['expect']!r}")


def load_pages(base, targets, options, connections):
    results = {}
    for target in targets:
        url = base + target["path"]
        if options.warmup:
            wrk(url, seconds=options.warmup, connections=connections, script=WRK_REPORT)
        results[target["name"]] = wrk(
            url,
            seconds=options.duration,
            connections=connections,
            script=WRK_REPORT,
        )
        result = results[target["name"]]
        log(
            f"  {target['name']:<14} {result['rps']:>8} req/s  "
            f"p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms"
        )
    return results


def csrf_pair(url):
    """The CSRF cookie and a form token for it, as a browser would get them."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        cookies = response.headers.get_all("Set-Cookie") or []
        html = response.read().decode()
    cookie = next(
        re.match(r"csrftoken=([^;]+)", value).group(1)
        for value in cookies
        if value.startswith("csrftoken=")
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def count_seats(database, workshop_id):
    import psycopg

    with psycopg.connect(database) as connection:
        rows = connection.execute(
            "SELECT status, count(*), coalesce(sum(participants), 0) "
            "FROM events_registration WHERE event_id = %s GROUP BY status",
            [workshop_id],
        ).fetchall()
    return {
        status: {"registrations": count, "seats": seats}
        for status, count, seats in rows
    }


def load_registrations(base, workshop, database, options):
    url = base + workshop["path"]
    cookie, token = csrf_pair(url)
    result = wrk(
        url + "register/",
        seconds=options.duration,
        connections=options.registration_connections,
        script=WRK_REGISTER,
        args=(token, cookie, secrets.token_hex(4)),
    )
    seats = count_seats(database, workshop["id"])
    confirmed = seats.get("confirmed", {}).get("seats", 0)
    stored = sum(row["registrations"] for row in seats.values())
    result.update(
        connections=options.registration_connections,
        capacity=workshop["seats"],
        confirmed_seats=confirmed,
        stored=stored,
        waitlisted=seats.get("waitlisted", {}).get("registrations", 0),
        overbooked=confirmed > workshop["seats"],
    )
    log(
        f"  registration   {result['rps']:>8} req/s  p95 {result['p95_ms']} ms  "
        f"{confirmed}/{workshop['seats']} seats, {result['waitlisted']} waiting"
    )
    return result


def verdicts(report):
    pages = [name for name in report["uncached"] if name not in ("static", "workshop")]
    static_rps = report["cached"]["static"]["rps"]
    cached_floor = static_rps * CACHED_SHARE_OF_STATIC
    return {
        "uncached_p95_under_100_ms": [
            name
            for name in pages
            if report["uncached"][name]["p95_ms"] >= UNCACHED_P95_MS
        ],
        "cached_at_least_half_static": [
            name for name in pages if report["cached"][name]["rps"] < cached_floor
        ],
        "registration_p95_under_150_ms": report["registration"]["p95_ms"]
        < REGISTRATION_P95_MS,
        "no_overbooking": not report["registration"]["overbooked"],
    }


def markdown(reports):
    """One table per size measured, the largest first."""
    lines = []
    for report in sorted(reports, key=lambda r: -r["scale"]):
        size = report["size"]
        lines += [
            f"**Scale {report['scale']:g}** — {size['schools']} generated schools, "
            f"{size['events']:,} events and {size['stories']:,} stories in Latvian and "
            f"English, {size['registrations']:,} registrations; {report['workers']} "
            f"gunicorn workers on {report['cores']} cores; wrk for "
            f"{report['duration']} s per row with {report['uncached_connections']} "
            f"connections uncached (page and listing caches off) and "
            f"{report['connections']} cached ({report['date']}).",
            "",
            "| Page | SQL queries | Uncached req/s | p50 ms | p95 ms "
            "| Cached req/s | p50 ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for target in report["targets"]:
            name = target["name"]
            cold, warm = report["uncached"][name], report["cached"][name]
            lines.append(
                f"| {target['label']} | {report['queries'].get(name, '')} "
                f"| {cold['rps']} | {cold['p50_ms']} | {cold['p95_ms']} "
                f"| {warm['rps']} | {warm['p50_ms']} | {warm['p95_ms']} |"
            )
        reg = report["registration"]
        checks = report["verdicts"]
        lines += [
            "",
            f"Registration POSTs, {reg['connections']} connections: "
            f"{reg['rps']} req/s, p50 {reg['p50_ms']} ms, p95 {reg['p95_ms']} ms; "
            f"{reg['confirmed_seats']} of {reg['capacity']} seats taken, "
            f"{reg['waitlisted']} on the waiting list, "
            f"overbooked: {'yes' if reg['overbooked'] else 'no'}.",
            "",
            "Targets: uncached p95 under 100 ms — "
            + (
                "all pages"
                if not checks["uncached_p95_under_100_ms"]
                else "missed by " + ", ".join(checks["uncached_p95_under_100_ms"])
            )
            + "; cached throughput at least half the static file's — "
            + (
                "all pages"
                if not checks["cached_at_least_half_static"]
                else "missed by " + ", ".join(checks["cached_at_least_half_static"])
            )
            + "; registration p95 under 150 ms — "
            + ("met" if checks["registration_p95_under_150_ms"] else "missed")
            + ".",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def update_readme(table):
    text = README.read_text()
    if TABLE_START not in text:
        return False
    before, rest = text.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    README.write_text(f"{before}{TABLE_START}\n{table}{TABLE_END}{after}")
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 200 schools")
    parser.add_argument("--duration", type=int, default=15, help="seconds per row")
    parser.add_argument("--warmup", type=int, default=3, help="seconds before a row")
    parser.add_argument(
        "--connections", type=int, default=16, help="wrk connections, cached rows"
    )
    # Uncached rows time how long one page takes to render: one request per core
    # at a time, or the queue in front of the workers is what gets measured.
    parser.add_argument(
        "--uncached-connections",
        type=int,
        default=os.cpu_count() or 1,
        help="wrk connections, uncached rows (default: one per core)",
    )
    parser.add_argument("--registration-connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--database",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
        ),
        help="PostgreSQL URL; the database is dropped and made anew",
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--publish",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="keep the result in benchmark/results/ and the README",
    )
    options = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make system-deps` installs Debian's package.")

    started = time.monotonic()
    portal = Portal(options.database, options.redis)
    log(f"New database {urlsplit(options.database).path.lstrip('/')}")
    recreate_database(options.database)
    flush_redis(options.redis)
    portal.manage("migrate", "--noinput", "-v0")
    portal.manage("collectstatic", "--noinput", "-v0")
    log("Demo network")
    portal.manage("load_demo")
    log(f"Generated network at scale {options.scale:g}")
    portal.manage("generate_network", f"--scale={options.scale}")
    setup = json.loads(portal.manage("bench_targets", capture=True))
    targets = setup["targets"]
    workshop = setup["workshop"]
    generated = time.monotonic() - started

    report = {
        "scale": options.scale,
        "size": setup["size"],
        "date": datetime.date.today().isoformat(),
        "cores": os.cpu_count(),
        "workers": options.workers,
        "connections": options.connections,
        "uncached_connections": options.uncached_connections,
        "duration": options.duration,
        "targets": [target for target in targets if target["name"] != "workshop"]
        + [target for target in targets if target["name"] == "workshop"],
        "queries": setup["queries"],
        "generate_seconds": round(generated),
    }
    port = free_port()
    base = f"http://localhost:{port}"
    for mode, env in (
        ("uncached", {"PAGE_CACHE_SECONDS": "0"}),
        ("cached", {}),
    ):
        log(f"Loading pages, caches {'off' if mode == 'uncached' else 'on'}")
        flush_redis(options.redis)
        server = portal.serve(port, options.workers, **env)
        try:
            check_answers(base, targets)
            connections = (
                options.uncached_connections
                if mode == "uncached"
                else options.connections
            )
            report[mode] = load_pages(base, report["targets"], options, connections)
            if mode == "cached":
                log("Registering for one workshop")
                report["registration"] = load_registrations(
                    base, workshop, options.database, options
                )
        finally:
            stop(server)
    report["verdicts"] = verdicts(report)

    options.out.mkdir(parents=True, exist_ok=True)
    stem = f"scale-{options.scale:g}"
    (options.out / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    (options.out / f"{stem}.md").write_text(markdown([report]))
    log(f"Wrote {options.out / stem}.json and .md")
    if options.publish:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
        reports = [
            json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))
        ]
        if update_readme(markdown(reports)):
            log("README table updated")
    print(markdown([report]))
    log(f"Done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
