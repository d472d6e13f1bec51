#!/usr/bin/env python3
"""The HTML reports in a real browser (make browser-test).

Writes the HTML report of every bundled example with the given orglint
binary, opens each in headless Chromium and checks, from the DOM Chromium
dumps after loading:
  - no script error (the report's error hook counts them on <html>);
  - the script ran to its end (data-report-ready);
  - the self-test that the report runs for the fragment #selftest passed:
    filtering by every severity, rule and unit shows exactly the rows the
    summary and the chart say, filters combine and reset, every link from
    the table reaches a unit, clicking a unit shows its findings.
Then takes a screenshot of the largest report (the most units drawn) and
checks that it is not blank: the PNG is decoded here (zlib, no imaging
library) and its pixels must vary.

Only the Python standard library and Chromium are needed. Exit status 0
when everything passes, 1 when a check fails, 2 when it cannot run.
"""

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTH, HEIGHT = 1280, 1600


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("browser-test: Chromium not found; on Debian/Ubuntu run 'sudo apt-get install chromium'")


def browser(binary, *arguments):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
               "--user-data-dir=" + PROFILE, *arguments]
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return result.stdout.decode("utf-8", "replace"), result.returncode


def attribute(dom, tag_pattern, name):
    match = re.search(r"<%s\b[^>]*\b%s=\"([^\"]*)\"" % (tag_pattern, re.escape(name)), dom)
    return match.group(1) if match else None


def decode_png(path):
    """Width, height and rows of RGB(A) bytes of an 8-bit truecolour PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour = header[:4]
    if depth != 8 or colour not in (2, 6):
        raise ValueError("unexpected PNG format: depth %d, colour type %d" % (depth, colour))
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * size
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[offset]
        line = bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for x in range(stride):
            left = line[x - size] if x >= size else 0
            up = previous[x]
            corner = previous[x - size] if x >= size else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, size, rows


def check_screenshot(path):
    width, height, size, rows = decode_png(path)
    colours, luminance = set(), []
    for y in range(0, height, 4):
        row = rows[y]
        for x in range(0, width * size, 4 * size):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r, g, b))
            luminance.append(0.299 * r + 0.587 * g + 0.114 * b)
    mean = sum(luminance) / len(luminance)
    spread = (sum((v - mean) ** 2 for v in luminance) / len(luminance)) ** 0.5
    background = max(set(luminance), key=luminance.count)
    drawn = sum(1 for v in luminance if abs(v - background) > 8) / len(luminance)
    ok = width == WIDTH and height == HEIGHT and len(colours) > 64 and spread > 10 and drawn > 0.05
    return ok, "%dx%d, %d colours, luminance spread %.1f, %.0f%% of pixels drawn" % (
        width, height, len(colours), spread, 100 * drawn)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orglint", required=True)
    parser.add_argument("--screenshot", help="where to keep the screenshot of the largest report")
    options = parser.parse_args()
    binary = chromium()
    examples = sorted(name for name in os.listdir(os.path.join(ROOT, "examples"))
                      if os.path.isdir(os.path.join(ROOT, "examples", name)))
    work = tempfile.mkdtemp(prefix="orglint-browser-")
    failures = 0
    largest = None
    try:
        for example in examples:
            report = os.path.join(work, example + ".html")
            run = subprocess.run([options.orglint, "check", "examples/" + example, "--format", "html",
                                  "--output", report, "--no-config"], cwd=ROOT, stderr=subprocess.PIPE)
            if run.returncode not in (0, 1) or not os.path.exists(report):
                print("FAIL %s: orglint exited %d: %s" % (example, run.returncode, run.stderr.decode()))
                failures += 1
                continue
            units = open(report, encoding="utf-8").read().count("data-unit-id=")
            if largest is None or units > largest[1]:
                largest = (example, units, report)
            dom, status = browser(binary, "--dump-dom", "file://" + report + "#selftest")
            errors = attribute(dom, "html", "data-script-errors")
            ready = attribute(dom, "html", "data-report-ready")
            selftest = attribute(dom, "pre", "data-status")
            result = re.search(r"<pre id=\"selftest-result\"[^>]*>(.*?)</pre>", dom, re.S)
            lines = result.group(1).strip().splitlines() if result else []
            ok = status == 0 and errors == "0" and ready == "true" and selftest == "pass"
            failures += 0 if ok else 1
            checks = sum(1 for line in lines if line.startswith("ok "))
            print("%s %s: %d units, script errors %s, self-test %s (%d checks passed)" % (
                "ok  " if ok else "FAIL", example, units, errors, selftest, checks))
            if not ok:
                message = attribute(dom, "html", "data-script-error-message")
                if message:
                    print("     first script error: " + message)
                for line in lines:
                    if not line.startswith("ok "):
                        print("     " + line)
        if largest:
            example, units, report = largest
            shot = options.screenshot or os.path.join(work, "screenshot.png")
            _, status = browser(binary, "--window-size=%d,%d" % (WIDTH, HEIGHT), "--screenshot=" + shot,
                                "file://" + report)
            ok, detail = check_screenshot(shot) if os.path.exists(shot) else (False, "no screenshot written")
            failures += 0 if ok else 1
            print("%s screenshot of %s (the largest report, %d units drawn): %s" % (
                "ok  " if ok else "FAIL", example, units, detail))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("browser-test: %s" % ("all checks passed" if failures == 0 else "%d failed" % failures))
    return 1 if failures else 0


PROFILE = tempfile.mkdtemp(prefix="orglint-chromium-profile-")
if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(PROFILE, ignore_errors=True)
