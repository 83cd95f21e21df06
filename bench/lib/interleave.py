#!/usr/bin/env python3
"""Times commands in interleaved rounds (A B C, A B C, ...), each run after its own prepare command, and writes
hyperfine-compatible JSON. On a machine whose disk is shared, interleaving spreads slow periods over every tool
instead of penalising whichever tool hyperfine happened to run during them (hyperfine runs all of A, then all of B).

usage: interleave.py --runs R --export-json FILE (--prepare CMD --command-name NAME CMD)...
"""
import json
import os
import statistics
import subprocess
import sys
import time


def parse(argv):
    runs, export, entries, prepare, name = 3, None, [], None, None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--runs":
            runs = int(argv[i + 1]); i += 2
        elif arg == "--export-json":
            export = argv[i + 1]; i += 2
        elif arg == "--prepare":
            prepare = argv[i + 1]; i += 2
        elif arg == "--command-name":
            name = argv[i + 1]; i += 2
        else:
            entries.append({"name": name or arg, "command": arg, "prepare": prepare})
            prepare, name = None, None
            i += 1
    if not export or not entries:
        sys.exit(__doc__)
    return runs, export, entries


def timed(command):
    """Wall seconds, children's user and system seconds, exit status of `bash -c command`."""
    start = time.perf_counter()
    process = subprocess.Popen(["bash", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime, usage.ru_stime, os.waitstatus_to_exitcode(status)


def main(argv):
    runs, export, entries = parse(argv)
    samples = {entry["name"]: {"times": [], "user": [], "system": [], "exit_codes": []} for entry in entries}
    for round_number in range(1, runs + 1):
        for entry in entries:
            if entry["prepare"]:
                subprocess.run(["bash", "-c", entry["prepare"]], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall, user, system, code = timed(entry["command"])
            sample = samples[entry["name"]]
            sample["times"].append(wall); sample["user"].append(user); sample["system"].append(system)
            sample["exit_codes"].append(code)
            print(f"round {round_number}/{runs}: {entry['name']}: {wall:.2f} s (exit {code})", file=sys.stderr)
    results = []
    for entry in entries:
        s = samples[entry["name"]]
        times = s["times"]
        results.append({
            "command": entry["name"], "mean": statistics.fmean(times),
            "stddev": statistics.stdev(times) if len(times) > 1 else None,
            "median": statistics.median(times), "min": min(times), "max": max(times),
            "user": statistics.fmean(s["user"]), "system": statistics.fmean(s["system"]),
            "times": times, "exit_codes": s["exit_codes"],
        })
    with open(export, "w", encoding="utf-8") as f:
        json.dump({"results": results}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
