"""A small closed-loop HTTP load generator for bench/load.sh: N logged-in clients, a URL mix, T seconds.

Each client keeps one connection and one session, sends a request as soon as the last one answered,
and records its latency. Prints requests/s, p50/p95/p99, errors and the mean response size, as one line of
JSON too; with --floor RPS also the rate as a share of that (the logged-in floor's) rate. --size PATH only
prints the size of one page's HTML.
"""

import argparse
import http.client
import json
import random
import re
import statistics
import threading
import time
import urllib.parse


def login(host: str, port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookies = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0]
               for c in response.headers.get_all("Set-Cookie") or []}
    body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": csrf})
    conn.request("POST", "/accounts/login/", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookies['csrftoken']}",
        "Referer": f"http://{host}:{port}/accounts/login/",
    })
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"login failed: {response.status}")
    session = [c for c in response.headers.get_all("Set-Cookie") if c.startswith("sessionid=")][0]
    return session.split(";", 1)[0]


def fetch(conn, url, cookie) -> tuple[int, bytes]:
    conn.request("GET", url, headers={"Cookie": cookie})
    response = conn.getresponse()
    return response.status, response.read()


def client(host, port, cookie, urls, deadline, results, errors, sizes, seed):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(host, port, timeout=30)
    while time.perf_counter() < deadline:
        url = rng.choice(urls)
        started = time.perf_counter()
        try:
            status, body = fetch(conn, url, cookie)
            ok = status == 200
            sizes.append(len(body))
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        (results if ok else errors).append(time.perf_counter() - started)


def run(host, port, cookie, urls, clients, seconds):
    results, errors, sizes = [], [], []
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=client, args=(host, port, cookie, urls, deadline, results, errors, sizes, i))
               for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(results)

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(results), "errors": len(errors),
        "rps": round(len(results) / elapsed, 1), "p50_ms": round(pct(0.50), 1), "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "mean_kb": round(statistics.fmean(sizes) / 1024, 1) if sizes else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--user", default="bench-official")
    parser.add_argument("--password", default="bench-official-passphrase")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--urls", help="a file with one path per line")
    parser.add_argument("--label", default="mix")
    parser.add_argument("--floor", type=float, help="the logged-in floor's requests/s at the same clients")
    parser.add_argument("--size", metavar="PATH", help="only print the size of this page's HTML")
    args = parser.parse_args()
    if not args.host.startswith("127.") and args.host != "localhost":
        raise SystemExit("load is only ever sent to this machine (127.0.0.0/8)")
    if args.size:
        status, body = fetch(http.client.HTTPConnection(args.host, args.port, timeout=30), args.size,
                             login(args.host, args.port, args.user, args.password))
        print(f"{len(body) / 1024:.1f} KB" if status == 200 else f"HTTP {status}")
        return
    if not args.urls:
        parser.error("--urls is required")
    with open(args.urls, encoding="utf-8") as file:
        urls = [line.strip() for line in file if line.strip()]
    cookie = login(args.host, args.port, args.user, args.password)
    figures = run(args.host, args.port, cookie, urls, args.clients, args.seconds)
    if args.floor:
        figures["floor_share"] = round(figures["rps"] / args.floor, 3)
    share = f" floor={figures['floor_share']:6.1%}" if args.floor else ""
    print(f"{args.label:12s} clients={figures['clients']:3d} rps={figures['rps']:7.1f} p50={figures['p50_ms']:7.1f}ms "
          f"p95={figures['p95_ms']:7.1f}ms p99={figures['p99_ms']:7.1f}ms errors={figures['errors']} "
          f"html={figures['mean_kb']}KB{share}")
    print(json.dumps({"label": args.label, **figures}))


if __name__ == "__main__":
    main()
