#!/usr/bin/env python3
"""Lighthouse scores of the key pages, both languages, against Debian's Chromium.

Usage: python bench/lighthouse.py [--desktop]   (from the project folder; needs `npm ci`)

Builds the project into a temporary folder with ``base_url`` set to where it is served
(http://127.0.0.1:PORT/repo-name/, as on GitHub Pages under a project sub-path, and gzipped
as GitHub Pages serves text) and map tiles from a local stub server (blank tiles: this
machine has no outside network, and a blocked tile would count as a console error).
Prints performance, accessibility, best practices and SEO per page, and what failed.
LIGHTHOUSE_KEEP=DIR keeps each full report there.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from generator.build.pipeline import build
from generator.content.project import Project

PAGES = ["ar/", "en/", "ar/sheets/kadhimi-us-threat-2020/", "en/sheets/kadhimi-us-threat-2020/",
         "ar/map/", "en/map/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", "/")


def blank_tile(size: int = 256) -> bytes:
    """A light-grey PNG of a real tile's size (a 1-pixel stub would be flagged as blurry)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\x00" + b"\xe4\xe8\xea" * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


BLANK_TILE = blank_tile()
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")


class Handler(SimpleHTTPRequestHandler):
    """The site under /repo-name/ (text gzipped) and blank map tiles under /tiles/."""

    def do_GET(self):
        if self.path.startswith("/tiles/"):
            self._send(BLANK_TILE, "image/png")
            return
        path = self.translate_path(self.path.split("?")[0])
        if self.path.split("?")[0].endswith(COMPRESSED) and Path(path).exists():
            file = Path(path) / "index.html" if Path(path).is_dir() else Path(path)
            if file.is_file():
                self._send(gzip.compress(file.read_bytes(), mtime=0), self.guess_type(str(file)),
                           gzipped=True)
                return
        super().do_GET()

    def _send(self, body: bytes, content_type: str, gzipped: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # Chromium cancels tiles when maps move
            self.wfile.write(body)

    def translate_path(self, path):
        inside = path.removeprefix("/repo-name")
        return super().translate_path(inside if inside != path else "/__nowhere__")

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare(root: Path, port: int) -> Project:
    for folder in ("content", "templates", "seeds"):
        shutil.copytree(folder, root / folder)
    site_yml = root / "content" / "site.yml"
    settings = yaml.safe_load(site_yml.read_text("utf-8"))
    settings["base_url"] = f"http://127.0.0.1:{port}/repo-name/"
    settings.setdefault("map", {})["tiles"] = f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png"
    settings["map"].setdefault("attribution", "tiles")
    site_yml.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    project = Project(root)
    build(project)
    return project


def lighthouse(url: str, out: Path, desktop: bool) -> dict:
    command = [str(Path("node_modules/.bin/lighthouse").resolve()), url, "--quiet",
               "--output=json", f"--output-path={out}", f"--chrome-flags={FLAGS}",
               f"--only-categories={','.join(CATEGORIES)}"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    return json.loads(out.read_text("utf-8"))


def main() -> None:
    desktop = "--desktop" in sys.argv
    port = free_port()
    with tempfile.TemporaryDirectory() as temp:
        project = prepare(Path(temp) / "project", port)
        server = ThreadingHTTPServer(("127.0.0.1", port),
                                     partial(Handler, directory=str(project.site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"{'page':40} " + " ".join(f"{c[:11]:>11}" for c in CATEGORIES))
        for page in PAGES:
            report = lighthouse(f"http://127.0.0.1:{port}/repo-name/{page}",
                                Path(temp) / "report.json", desktop)
            if os.environ.get("LIGHTHOUSE_KEEP"):
                keep = Path(os.environ["LIGHTHOUSE_KEEP"]) / (page.replace("/", "_") + ".json")
                shutil.copyfile(Path(temp) / "report.json", keep)
            scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
            print(f"{page:40} " + " ".join(f"{s:>11}" for s in scores))
            failed = [a["id"] for a in report["audits"].values()
                      if a.get("score") is not None and a["score"] < 0.9
                      and a.get("scoreDisplayMode") == "binary"]
            if failed:
                print(f"    failed audits: {', '.join(sorted(failed))}")
            metrics = ("first-contentful-paint", "largest-contentful-paint",
                       "total-blocking-time", "cumulative-layout-shift", "speed-index")
            print("    " + ", ".join(f"{m}: {report['audits'][m]['displayValue']}"
                                      for m in metrics))
            errors = report["audits"]["errors-in-console"]["details"].get("items", [])
            for item in errors[:3]:
                print(f"    console: {item.get('description', '')[:120]} {item.get('url', '')}")
        server.shutdown()


if __name__ == "__main__":
    main()
