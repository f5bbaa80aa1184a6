"""The pause state the day pages poll every second, under load, against the health endpoint.

Loads the demo production into a throw-away data directory, serves it as `closedset serve` does,
and drives `GET /api/v1/scenes/{scene}/days/{day}/state` (a coordinator's view, with every
performer's check-in) and, in the same run and under the same load, `GET /api/v1/health` from
32 keep-alive client threads. The state answer must stay close to the health endpoint: 40
people on a set polling once a second is 40 requests a second.

    python bench/shoot_state.py [--seconds 10] [--clients 32]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CLOSEDSET = str(Path(sys.executable).with_name("closedset"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(env: dict[str, str], *args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own command
        [CLOSEDSET, *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def _get(port: int, path: str, token: str) -> dict[str, object]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    body = conn.getresponse().read()
    conn.close()
    return json.loads(body)  # type: ignore[no-any-return]


def _load(
    port: int, paths: list[str], token: str, clients: int, seconds: float
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {p: [] for p in paths}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        path = paths[index % len(paths)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            times[path].extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="closedset-bench-") as data:
        env = {**os.environ, "CLOSEDSET_DATA_DIR": data, "CLOSEDSET_DEBUG": "false"}
        env.setdefault("CLOSEDSET_SECRET_KEY", "bench-" + "x" * 40)
        env["CLOSEDSET_HTTPS"] = "false"
        _run(env, "init")
        _run(env, "demo", "--password", "bench-password-123")
        token = _run(env, "token", "create", "--email", "coordinator@demo.test").split()[-1]
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 - our own command
            [CLOSEDSET, "serve", "--port", str(port), "--no-worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    _get(port, "/api/v1/health", token)
                    break
                except OSError:
                    time.sleep(0.1)
            production = _get(port, "/api/v1/productions", token)
            items = (
                production["items"]
                if isinstance(production, dict) and "items" in production
                else production
            )
            pid = items[0]["id"]  # type: ignore[index]
            board = _get(port, f"/api/v1/productions/{pid}/readiness", token)
            scene = board["days"][0]["scenes"][0]  # type: ignore[index]
            state = f"/api/v1/scenes/{scene['scene_id']}/days/{scene['day_id']}/state"
            size = len(json.dumps(_get(port, state, token)))
            times = _load(port, [state, "/api/v1/health"], token, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{args.clients} clients, {args.seconds:.0f} s; state answer {size} bytes")
    print(f"{'endpoint':<10} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, path in (("state", state), ("health", "/api/v1/health")):
        values = times[path]
        print(
            f"{name:<10} {len(values):>9} {statistics.median(values) * 1000:>8.1f} "
            f"{_pct(values, 0.95):>8.1f} {_pct(values, 0.99):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
