#!/usr/bin/env python
"""Make the site that ``asv publish`` wrote self-contained (no CDN, works offline).

asv's index.html loads jQuery, Flot (and plugins), stupidtable, blueimp-md5 and
Bootstrap from CDNs and shows an error page when they do not load. This script
fetches the same libraries from the npm registry at run time (``npm pack``; the
tarballs are cached, nothing third-party is committed), copies the needed files
into ``<html>/vendor/`` and points index.html at them. It refuses to finish if any
``<script src>`` or ``<link href>`` still points off-site, so a future asv that adds
a library fails loudly instead of silently needing the network.

    cd asv_bench && asv publish && python make_offline.py            # html/ in place
    python make_offline.py --html path/to/html --cache ~/.cache/x     # elsewhere

Needs ``npm`` (Node.js) on PATH, or ``--tarballs DIR`` holding the .tgz files that
``npm pack`` would fetch (e.g. from a machine that has npm).
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# CDN URL (regex) -> (npm package spec, file inside the npm tarball, local path).
# Versions match what asv asks the CDN for. stupidtable 1.0.1 is not on npm; 1.1.3 is
# the same plugin with the same $.fn.stupidtable API (asv only calls .stupidtable()).
# Flot 0.8.3 on npm ships unminified files: identical code, larger.
LIBS = [
    (r"https://code\.jquery\.com/jquery-3\.3\.1\.min\.js",
     "jquery@3.3.1", "package/dist/jquery.min.js", "vendor/jquery/jquery.min.js"),
    (r"https://cdnjs\.cloudflare\.com/ajax/libs/flot/0\.8\.3/jquery\.flot\.min\.js",
     "flot@0.8.3", "package/jquery.flot.js", "vendor/flot/jquery.flot.js"),
    (r"https://cdnjs\.cloudflare\.com/ajax/libs/flot/0\.8\.3/jquery\.flot\.time\.min\.js",
     "flot@0.8.3", "package/jquery.flot.time.js", "vendor/flot/jquery.flot.time.js"),
    (r"https://cdnjs\.cloudflare\.com/ajax/libs/flot/0\.8\.3/jquery\.flot\.selection\.min\.js",
     "flot@0.8.3", "package/jquery.flot.selection.js", "vendor/flot/jquery.flot.selection.js"),
    (r"https://cdnjs\.cloudflare\.com/ajax/libs/flot/0\.8\.3/jquery\.flot\.categories\.min\.js",
     "flot@0.8.3", "package/jquery.flot.categories.js", "vendor/flot/jquery.flot.categories.js"),
    (r"https://cdn\.jsdelivr\.net/npm/flot-orderbars@1\.0\.0/js/jquery\.flot\.orderBars\.js",
     "flot-orderbars@1.0.0", "package/js/jquery.flot.orderBars.js",
     "vendor/flot-orderbars/jquery.flot.orderBars.js"),
    (r"https://cdnjs\.cloudflare\.com/ajax/libs/stupidtable/1\.0\.1/stupidtable\.min\.js",
     "stupid-table-plugin@1.1.3", "package/stupidtable.min.js",
     "vendor/stupidtable/stupidtable.min.js"),
    (r"https://cdnjs\.cloudflare\.com/ajax/libs/blueimp-md5/2\.19\.0/js/md5\.min\.js",
     "blueimp-md5@2.19.0", "package/js/md5.min.js", "vendor/blueimp-md5/md5.min.js"),
    (r"https://cdn\.jsdelivr\.net/npm/bootstrap@3\.1\.1/dist/js/bootstrap\.min\.js",
     "bootstrap@3.1.1", "package/dist/js/bootstrap.min.js", "vendor/bootstrap/js/bootstrap.min.js"),
    (r"https://cdn\.jsdelivr\.net/npm/bootstrap@3\.1\.1/dist/css/bootstrap\.min\.css",
     "bootstrap@3.1.1", "package/dist/css/bootstrap.min.css",
     "vendor/bootstrap/css/bootstrap.min.css"),
]
# Whole folders a library needs beside its main file (bootstrap.min.css -> ../fonts/).
EXTRA_DIRS = [("bootstrap@3.1.1", "package/dist/fonts/", "vendor/bootstrap/fonts/")]

TAG_RE = re.compile(r"<(script|link)\b[^>]*>", re.I)
URL_ATTR_RE = re.compile(r"""\b(src|href)\s*=\s*(["'])([^"']*)\2""", re.I)
DROP_ATTR_RE = re.compile(r"""\s+(integrity|crossorigin|referrerpolicy)(\s*=\s*(["'])[^"']*\3)?""",
                          re.I)
MARK = "<!-- made self-contained by fastact asv_bench/make_offline.py -->"


def tarball_name(spec):
    name, version = spec.rsplit("@", 1)
    return f"{name.replace('@', '').replace('/', '-')}-{version}.tgz"


def fetch(specs, cache, tarballs):
    """Path of the npm tarball for each spec, fetched with `npm pack` if not cached."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = {}
    for spec in sorted(set(specs)):
        fname = tarball_name(spec)
        for d in ([tarballs] if tarballs else []) + [cache]:
            if (d / fname).is_file():
                paths[spec] = d / fname
                break
        else:
            npm = shutil.which("npm")
            if npm is None:
                sys.exit(f"make_offline: need npm (or --tarballs DIR with {fname})")
            print(f"npm pack {spec}", file=sys.stderr)
            subprocess.run([npm, "pack", spec, "--pack-destination", str(cache), "--silent"],
                           check=True, stdout=subprocess.DEVNULL)
            if not (cache / fname).is_file():
                sys.exit(f"make_offline: npm pack {spec} did not produce {fname}")
            paths[spec] = cache / fname
    return paths


def extract(tgz, member, dest):
    with tarfile.open(tgz) as tf:
        f = tf.extractfile(member)
        if f is None:
            sys.exit(f"make_offline: {member} not in {tgz.name}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(f.read())


def extract_dir(tgz, prefix, dest):
    with tarfile.open(tgz) as tf:
        members = [m for m in tf.getmembers() if m.isfile() and m.name.startswith(prefix)]
        if not members:
            sys.exit(f"make_offline: no {prefix} in {tgz.name}")
        for m in members:
            out = dest / m.name[len(prefix):]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(tf.extractfile(m).read())


def rewrite(html, local_for):
    """Point every CDN <script>/<link> at its local copy; return (text, unknown urls)."""
    unknown = []

    def fix_tag(m):
        tag = m.group(0)
        um = URL_ATTR_RE.search(tag)
        if not um or not re.match(r"(https?:)?//", um.group(3)):
            return tag
        url = um.group(3)
        if m.group(1).lower() == "link" and not re.search(
                r"""rel\s*=\s*["'][^"']*(stylesheet|icon|preload|modulepreload)""", tag, re.I):
            return tag  # e.g. rel="alternate": a link, not a resource the page loads
        local = local_for(url)
        if local is None:
            unknown.append(url)
            return tag
        tag = tag[:um.start(3)] + local + tag[um.end(3):]
        return DROP_ATTR_RE.sub("", tag)

    return TAG_RE.sub(fix_tag, html), unknown


def external_resources(html):
    """URLs of scripts/stylesheets that would still be loaded from off-site."""
    bad = []
    for m in TAG_RE.finditer(html):
        tag = m.group(0)
        um = URL_ATTR_RE.search(tag)
        if um and re.match(r"(https?:)?//", um.group(3)):
            if m.group(1).lower() == "link" and not re.search(
                    r"""rel\s*=\s*["'][^"']*(stylesheet|icon|preload|modulepreload)""", tag, re.I):
                continue
            bad.append(um.group(3))
    return bad


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--html", type=Path, default=HERE / "html",
                   help="the folder asv publish wrote (default: asv_bench/html)")
    p.add_argument("--cache", type=Path,
                   default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                   / "fastact-asv-offline", help="where npm tarballs are kept")
    p.add_argument("--tarballs", type=Path, help="folder with pre-fetched npm tarballs")
    args = p.parse_args(argv)

    pages = sorted(args.html.glob("*.html"))
    if not (args.html / "index.html").is_file():
        sys.exit(f"make_offline: no index.html in {args.html} (run `asv publish` first)")

    tgz = fetch([lib[1] for lib in LIBS] + [d[0] for d in EXTRA_DIRS], args.cache.expanduser(),
                args.tarballs)
    for _pat, spec, member, local in LIBS:
        extract(tgz[spec], member, args.html / local)
    for spec, prefix, local in EXTRA_DIRS:
        extract_dir(tgz[spec], prefix, args.html / local)

    def local_for(url):
        for pat, _spec, _member, local in LIBS:
            if re.fullmatch(pat, url):
                return local
        return None

    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        new, unknown = rewrite(text, local_for)
        problems += [f"{page.name}: no local copy known for {u}" for u in unknown]
        if new != text and MARK not in new:
            new = new.replace("<head>", "<head>\n    " + MARK, 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
        problems += [f"{page.name}: still loads {u}" for u in external_resources(new)
                     if u not in unknown]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit("make_offline: the site still needs the network (update LIBS for this asv)")

    digest = hashlib.sha256()
    for _pat, _spec, _member, local in LIBS:
        digest.update((args.html / local).read_bytes())
    print(f"make_offline: {args.html} is self-contained: {len(LIBS)} files from "
          f"{len(tgz)} npm packages in vendor/ (sha256 {digest.hexdigest()[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
