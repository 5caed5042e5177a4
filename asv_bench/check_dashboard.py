#!/usr/bin/env python
"""Prove the published asv dashboard renders with no network, in headless Chromium.

Serves the site (default asv_bench/html, after `asv publish` and `make_offline.py`)
on 127.0.0.1 and opens it in Debian's Chromium with every non-loopback host
unreachable (a host-resolver rule that fails every name but 127.0.0.1, and a dead
proxy for anything else). Checks, in order:

1. control: a page served by the same server that loads jQuery from its CDN must
   NOT get it, or the "offline" claim below would prove nothing;
2. the site's pages load no script or stylesheet from off-site;
3. the benchmark grid renders (not asv's "can't load" error page) and lists the
   fastact benchmarks;
4. one benchmark's page draws its graph (a Flot canvas, axis ticks, the legend);
5. every script, stylesheet and page the browser asked for was there (graph data
   of a benchmark with no results yet is absent in any asv site: only noted).

It then saves a screenshot of that graph page (default docs/_static/asv_dashboard.png).

    apt-get install -y chromium                      # once
    cd asv_bench && asv publish && python make_offline.py && python check_dashboard.py

Exit status 0 when every check passes, 1 otherwise.
"""

import argparse
import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_BENCH = "bench_ufuncs.Relu.time_fastact_relu"
CONTROL_PATH = "/__offline_control__.html"
CONTROL_HTML = """<!doctype html><html><head><title>pending</title>
<script src="https://code.jquery.com/jquery-3.3.1.min.js"></script></head>
<body><div id="result">pending</div><script>
document.getElementById('result').textContent =
    (typeof window.jQuery === 'undefined') ? 'NETWORK-BLOCKED' : 'NETWORK-REACHED';
</script></body></html>"""


class Handler(http.server.SimpleHTTPRequestHandler):
    requests = []  # (path, status), filled by every handler instance

    def do_GET(self):
        if self.path == CONTROL_PATH:
            body = CONTROL_HTML.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_request(self, code="-", size="-"):
        Handler.requests.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a page closed mid-transfer


def find_chromium(explicit):
    for cand in ([explicit] if explicit else []) + ["chromium", "chromium-browser",
                                                     "google-chrome", "chrome"]:
        path = shutil.which(cand) if cand else None
        if path:
            return path
    sys.exit("check_dashboard: no Chromium found (apt-get install -y chromium)")


class Browser:
    def __init__(self, exe):
        self.exe = exe
        self.profile = tempfile.mkdtemp(prefix="asv-dash-chromium-")
        self.flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--hide-scrollbars", "--mute-audio",
            f"--user-data-dir={self.profile}",
            # No network but loopback: names other than 127.0.0.1 do not resolve,
            # and anything that still tries goes to a proxy on a closed port.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            # (Chromium never sends loopback addresses through a proxy.)
            "--proxy-server=http://127.0.0.1:9",
            "--window-size=1400,1000",
        ]

    def run(self, url, *extra, budget_ms=20000, timeout=120):
        cmd = [self.exe, *self.flags, f"--virtual-time-budget={budget_ms}", *extra, url]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return proc

    def dom(self, url, **kw):
        proc = self.run(url, "--dump-dom", **kw)
        if proc.returncode != 0:
            raise RuntimeError(f"chromium failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return proc.stdout

    def screenshot(self, url, path, **kw):
        path.parent.mkdir(parents=True, exist_ok=True)
        proc = self.run(url, f"--screenshot={path}", **kw)
        if proc.returncode != 0 or not path.is_file():
            raise RuntimeError(f"chromium screenshot failed: {proc.stderr[-2000:]}")

    def close(self):
        shutil.rmtree(self.profile, ignore_errors=True)


def external_loads(html_dir):
    sys.path.insert(0, str(HERE))
    from make_offline import external_resources

    bad = []
    for page in sorted(Path(html_dir).glob("*.html")):
        bad += [f"{page.name}: {u}" for u in external_resources(page.read_text("utf-8"))]
    return bad


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--html", type=Path, default=HERE / "html")
    p.add_argument("--benchmark", default=DEFAULT_BENCH,
                   help=f"benchmark whose graph page is checked (default {DEFAULT_BENCH})")
    p.add_argument("--screenshot", type=Path,
                   default=ROOT / "docs" / "_static" / "asv_dashboard.png")
    p.add_argument("--query", default="y-axis-scale=log",
                   help="asv view options for the graph page (default: log y axis)")
    p.add_argument("--no-screenshot", action="store_true")
    p.add_argument("--chromium", help="path of the Chromium executable")
    p.add_argument("--dump", type=Path, help="folder to save the dumped DOMs in")
    args = p.parse_args(argv)

    html = args.html.resolve()
    if not (html / "index.json").is_file():
        sys.exit(f"check_dashboard: {html} is not a published asv site (run asv publish)")

    handler = functools.partial(Handler, directory=str(html))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    browser = Browser(find_chromium(args.chromium))
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    def save(name, text):
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / name).write_text(text)

    try:
        dom = browser.dom(base + CONTROL_PATH, budget_ms=5000)
        save("control.html", dom)
        check("NETWORK-BLOCKED" in dom,
              "control: a CDN script does not load in this browser (no network)")

        bad = external_loads(html)
        check(not bad, "the site loads nothing from off-site"
              + (": " + ", ".join(bad) if bad else ""))

        Handler.requests.clear()
        dom = browser.dom(base + "/index.html")
        save("index.html", dom)
        check("airspeed velocity error" not in dom and "failed to load" not in dom
              and 'id="summarygrid-display"' in dom and "summarygrid-bench_" in dom,
              "the benchmark grid renders (not asv's error page)")
        names = set(re.findall(r"bench_\w+\.\w+\.(?:time|peakmem|track)_\w+", dom))
        fastact_names = sorted(n for n in names if "_fastact_" in n)
        check(len(fastact_names) >= 9,
              f"the grid lists fastact benchmarks ({len(fastact_names)} fastact, "
              f"{len(names)} in all; e.g. {', '.join(fastact_names[:3])})")

        url = f"{base}/index.html#{args.benchmark}" + (f"?{args.query}" if args.query else "")
        dom = browser.dom(url)
        save("graph.html", dom)
        canvases = len(re.findall(r'<canvas[^>]*class="flot-base"', dom))
        ticks = len(re.findall(r'class="flot-tick-label', dom))
        check(args.benchmark in dom and canvases >= 1 and ticks >= 2,
              f"{args.benchmark}: graph drawn ({canvases} flot canvases, {ticks} tick labels)")
        check("float32" in dom and "contiguous" in dom,
              f"{args.benchmark}: parameter choices (dtype, layout) are shown")

        missing = sorted({path for path, code in Handler.requests if code not in (200, 304)})
        # graphs/*.json of a benchmark with no results yet is a 404 in any asv site
        no_data = [m for m in missing if m.startswith("/graphs/")]
        missing = [m for m in missing if m not in no_data]
        check(not missing, "every script, stylesheet and page the site asked for was served"
              + (": missing " + ", ".join(missing[:10]) if missing else ""))
        if no_data:
            print(f"note {len(no_data)} graph data files absent (benchmarks with no "
                  f"results yet), e.g. {no_data[0]}")

        if not args.no_screenshot:
            browser.screenshot(url, args.screenshot.resolve())
            print(f"saved {args.screenshot}")
    finally:
        browser.close()
        server.shutdown()

    print("dashboard check: " + ("passed" if not failures else f"{len(failures)} FAILED"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
