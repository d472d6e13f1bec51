#!/usr/bin/env python3
"""`make bench`: orglint against the libyaml floor on synthetic organisations.

For each case it generates a region-like organisation with planted faults
(cached under .build/bench), then runs, on the release build:
  - the floor: Benchmarks/floor.c, libyaml parsing the same files event by
    event on one core, nothing else;
  - `orglint check --format json --timings` with all built-in rules;
the two take turns, and so do the cases, round after round (and a one-unit
check, for the fixed start), so that a slow spell of the machine falls on
all of them alike. It prints the best wall time of each, time per unit,
peak memory, the ratio to the floor, the time of each stage (and of the
slowest rules in the last case), and how far the time per unit in one file
spreads across the sizes, with and without the fixed start of every run
(the best time of checking a one-unit file). It fails when the findings
differ from the ones the planted faults must give (all found, none extra).

Environment: BENCH_SIZES (default 10000,100000,1000000), BENCH_RUNS (default
3 rounds; the best run counts; cases under 100,000 units run more often in
each round, up to ten times as often, as their runs are short), BENCH_SPLIT
(files of the split case, default 16).
"""
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, ".build")
ORGLINT = os.path.join(BUILD, "release", "orglint")
GENERATE = os.path.join(BUILD, "release", "generate-organisation")
FLOOR = os.path.join(BUILD, "bench", "floor")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SPLIT = int(os.environ.get("BENCH_SPLIT", "16"))


def measured(command, folder):
    """Wall seconds, peak resident kB, exit code, stdout and stderr of one
    process (its output goes through files: a pipe would block it)."""
    out_path, err_path = os.path.join(folder, "..", "stdout"), os.path.join(folder, "..", "stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status), open(out_path, "rb").read(), open(err_path, "rb").read()


def generate(units, files, faults):
    folder = os.path.join(BUILD, "bench", f"{units}-units-{files}-files")
    expected = os.path.join(folder, "expected-findings.json")
    if not os.path.exists(expected):
        subprocess.run(
            [GENERATE, "--units", str(units), "--files", str(files), "--faults", str(faults), "--output", folder],
            check=True)
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml"))
    return folder, paths, json.load(open(expected))


def findings_match(report, expected):
    got = Counter((d["rule"], d["unit"]) for d in report["diagnostics"])
    want = Counter((f["rule"], f["unit"]) for f in expected["findings"])
    return got == want, len(want), sum((want - got).values()), sum((got - want).values())


def turns(units):
    """How often a case runs in each round: once, more for small cases (see above)."""
    return max(1, min(10, 100_000 // units))


def prepare(units, files):
    faults = max(1, units // 10000)
    folder, paths, expected = generate(units, files, faults)
    size = sum(os.path.getsize(p) for p in paths)
    return {"units": units, "files": files, "folder": folder, "paths": paths, "expected": expected,
            "size": size, "floors": [], "best": None}


def run_once(case):
    """One turn of a case: the floor, then orglint, so that both meet the
    machine as it is at the time (a virtual machine's speed drifts from
    minute to minute by more than the differences measured here)."""
    case["floors"].append(float(subprocess.run([FLOOR] + case["paths"], capture_output=True, text=True,
                                               check=True).stdout.split()[2]))
    folder = case["folder"]
    wall, peak, code, out, err = measured([ORGLINT, "check", "--format", "json", "--timings", folder], folder)
    if code not in (0, 1):
        sys.exit(f"orglint failed on {folder} (exit {code}):\n{err.decode()}")
    if case["best"] is None or wall < case["best"][0]:
        case["best"] = (wall, peak, out, err)


def summary(case):
    wall, peak, out, err = case["best"]
    units = case["units"]
    floor = min(case["floors"])
    ok, want, missing, extra = findings_match(json.loads(out), case["expected"])
    timings = [line.split() for line in err.decode().splitlines() if line.startswith("timing:")]
    stages = dict(fields[1:3] for fields in timings if len(fields) == 4)
    rules = [(fields[2], float(fields[3])) for fields in timings if len(fields) == 5 and fields[1] == "rule"]
    return {
        "units": units, "files": case["files"], "mb": case["size"] / 1e6, "floor": floor, "wall": wall,
        "peak": peak / 1024, "ratio": wall / floor, "us": wall / units * 1e6, "stages": stages, "ok": ok,
        "want": want, "missing": missing, "extra": extra, "rules": rules,
    }


def one_unit_case():
    """A one-unit organisation: its best time is what every run costs
    whatever its size (starting the process, compiling the rules)."""
    folder = os.path.join(BUILD, "bench", "one-unit")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "organisation.yaml"), "w") as file:
        file.write("orglint: 1\nunits:\n  - {id: a, name: A, kind: nation}\n")
    return folder


def main():
    cases = [(units, 1) for units in SIZES] + [(max(SIZES), SPLIT)]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.system()} {platform.release()}")
    header = ("units", "files", "MB", "floor s", "orglint s", "ratio", "µs/unit", "peak MB",
              "read", "model", "rules", "output", "findings")
    rows = []
    results = []
    failed = False
    prepared = [prepare(units, files) for units, files in cases]
    one_unit = one_unit_case()
    starts = []
    # Round after round, so that a slow spell of the machine falls on every
    # case alike instead of on all runs of one.
    for _ in range(RUNS):
        for case in prepared:
            for _ in range(turns(case["units"])):
                run_once(case)
        starts += [measured([ORGLINT, "check", "--format", "json", one_unit], one_unit)[0] for _ in range(5)]
    for case in prepared:
        r = summary(case)
        units, files = r["units"], r["files"]
        results.append(r)
        failed |= not r["ok"]
        verdict = f"{r['want']} ok" if r["ok"] else f"{r['missing']} missing, {r['extra']} extra"
        rows.append((f"{units:,}", str(files), f"{r['mb']:.0f}", f"{r['floor']:.2f}", f"{r['wall']:.2f}",
                     f"{r['ratio']:.2f}×", f"{r['us']:.1f}", f"{r['peak']:.0f}",
                     *(r["stages"].get(s, "-") for s in ("read", "model", "rules", "output")), verdict))
        print("  " + " | ".join(rows[-1]), flush=True)
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    slowest = ", ".join(f"{rule} {seconds:.2f}" for rule, seconds in results[-1]["rules"][:5])
    print(f"slowest rules at {results[-1]['units']:,} units in {results[-1]['files']} files (s of a core): {slowest}")
    single = [r for r in results if r["files"] == 1]
    if len(single) > 1:
        start = min(starts)
        for label, per_unit in [("", lambda r: r["us"]),
                                (f" beyond the fixed start ({start * 1000:.0f} ms for one unit)",
                                 lambda r: (r["wall"] - start) / r["units"] * 1e6)]:
            times = [per_unit(r) for r in single]
            print(f"time per unit in one file{label}: {min(times):.1f}-{max(times):.1f} µs, "
                  f"the largest {max(times) / min(times):.2f}× the smallest")
    if failed:
        sys.exit("the planted faults did not give exactly the expected findings")


if __name__ == "__main__":
    main()
