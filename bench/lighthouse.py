#!/usr/bin/env python3
"""Lighthouse scores of the key pages, both languages, against Debian's Chromium.

Usage: python bench/lighthouse.py [--desktop]   (from the project folder; needs `npm ci`)

Builds the project into a temporary folder with ``base_url`` set to where it is served
(http://127.0.0.1:PORT/repo-name/, as on GitHub Pages under a project sub-path) and map
tiles from a local stub server (blank tiles: this machine has no outside network, and a
blocked tile would count as a console error against the page). Prints performance,
accessibility, best practices and SEO per page, and the audits that failed.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from generator.build import build
from generator.project import Project

PAGES = ["ar/", "en/", "ar/sheets/kadhimi-us-threat-2020/", "en/sheets/kadhimi-us-threat-2020/",
         "ar/map/", "en/map/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")


class Handler(SimpleHTTPRequestHandler):
    """The site under /repo-name/ and blank map tiles under /tiles/."""

    def do_GET(self):
        if self.path.startswith("/tiles/"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Cache-Control", "max-age=86400")
            self.end_headers()
            self.wfile.write(BLANK_TILE)
            return
        super().do_GET()

    def translate_path(self, path):
        inside = path.removeprefix("/repo-name")
        return super().translate_path(inside if inside != path else "/__nowhere__")

    def end_headers(self):
        if not self.path.startswith("/tiles/"):
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
                shutil.copyfile(Path(temp) / "report.json",
                                Path(os.environ["LIGHTHOUSE_KEEP"]) / (page.replace("/", "_") + ".json"))
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
