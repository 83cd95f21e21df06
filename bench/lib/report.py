#!/usr/bin/env python3
"""Prints a benchmark table from hyperfine's --export-json, the probe's RSS file and its failure file.

--floor NAME      ratios column "x floor" = median / median(NAME)
--pair A:B        for row A, column "peer / this" = median(B) / median(A) (how many times faster A is than B)
--markdown        GitHub table instead of aligned text
Ratios use the median wall time, then the mean CPU time (user + system), which other load on the machine barely moves.
"""
import argparse
import json
import os
import sys


def load_rows(path, columns):
    rows = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= columns:
                    rows[parts[0]] = parts[1:]
    return rows


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--title", required=True)
    parser.add_argument("--json", action="append", default=[])
    parser.add_argument("--rss")
    parser.add_argument("--failed")
    parser.add_argument("--order", help="file listing the row names in order")
    parser.add_argument("--floor")
    parser.add_argument("--pair", action="append", default=[])
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)

    results = {}
    for path in args.json:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for result in json.load(f)["results"]:
                    results[result["command"]] = result
    rss = load_rows(args.rss, 2)
    failed = load_rows(args.failed, 2)
    names = []
    if args.order and os.path.exists(args.order):
        with open(args.order, encoding="utf-8") as f:
            names = [line.rstrip("\n") for line in f if line.strip()]
    for name in list(results) + list(failed):
        if name not in names:
            names.append(name)
    pairs = {}
    for pair in args.pair:
        a, b = pair.split(":", 1)
        pairs[a] = b
    floor = results.get(args.floor) if args.floor else None

    header = ["command", "median", "mean", "± σ", "min", "CPU", "runs", "peak RSS"]
    if floor:
        header.append(f"× {args.floor} (wall; CPU)")
    if pairs:
        header.append("peer ÷ this (wall; CPU)")
    table = []
    for name in names:
        if name in failed:
            row = [name, "failed: " + failed[name][0]] + [""] * (len(header) - 2)
            table.append(row)
            continue
        if name not in results:
            continue
        r = results[name]
        row = [name, fmt_time(r["median"]), fmt_time(r["mean"]), fmt_time(r["stddev"] or 0.0), fmt_time(r["min"]), fmt_time(cpu(r)),
               str(len(r["times"]))]
        row.append(f"{int(rss[name][0]) / 1024:.1f} MB" if name in rss else "")
        if floor:
            row.append(f"{r['median'] / floor['median']:.2f}×; {cpu(r) / cpu(floor):.2f}×")
        if pairs:
            peer = pairs.get(name)
            if peer and peer in results:
                other = results[peer]
                row.append(f"{other['median'] / r['median']:.1f}×; {cpu(other) / cpu(r):.1f}× ({peer})")
            else:
                row.append("")
        table.append(row)

    print(f"\n{args.title}")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
        for row in table:
            if row[1].startswith("failed:"):
                print(f"| {row[0]} | {row[1]} |" + " |" * (len(header) - 2))
            else:
                print("| " + " | ".join(row) + " |")
    else:
        timed = [row for row in table if not row[1].startswith("failed:")]
        widths = [max(len(row[i]) for row in timed + [header]) for i in range(len(header))]
        widths[0] = max(len(row[0]) for row in table + [header])
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        for row in table:
            if row[1].startswith("failed:"):
                print(row[0].ljust(widths[0]) + "  " + row[1])
            else:
                print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return 0


def cpu(result):
    """Mean user + system CPU time: unlike wall time, barely moved by other processes competing for the cores."""
    return result["user"] + result["system"]


def fmt_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
