#!/usr/bin/env python3
"""Compares strata lint's JSON with squawk's JSON on the same corpus: per rule, the findings both report (same file,
line and rule), those only strata reports and those only squawk reports, with a few examples of each.

usage: lint_compare.py STRATA_JSON SQUAWK_JSON... [--examples 2]
"""
import argparse
import collections
import json
import os

# squawk's rules; strata's own (down-*, non-idempotent, unused-ignore, sqlite-*) have no squawk counterpart.
SQUAWK_ALIASES = {"prefer-timestamp-tz": "prefer-timestamptz"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("strata")
    parser.add_argument("squawk", nargs="+")
    parser.add_argument("--examples", type=int, default=2)
    args = parser.parse_args()
    with open(args.strata) as f:
        strata = json.load(f)["findings"]
    squawk = []
    for path in args.squawk:
        with open(path) as f:
            text = f.read().strip()
            squawk.extend(json.loads(text) if text else [])
    ours = collections.defaultdict(set)
    for finding in strata:
        ours[finding["rule"]].add((os.path.normpath(finding["file"]), finding["line"]))
    theirs = collections.defaultdict(set)
    for v in squawk:
        rule = SQUAWK_ALIASES.get(v["rule_name"], v["rule_name"])
        theirs[rule].add((os.path.normpath(v["file"]), v["line"] + 1))  # squawk's lines are 0-based
    rules = sorted(set(ours) | set(theirs))
    print(f"{'rule':46} {'both':>6} {'strata':>7} {'squawk':>7}")
    disagreements = 0
    for rule in rules:
        both = ours[rule] & theirs[rule]
        only_ours = ours[rule] - theirs[rule]
        only_theirs = theirs[rule] - ours[rule]
        mark = "" if not (only_ours and rule in theirs) and not only_theirs else "  <- differs"
        if rule not in theirs and only_ours:
            mark = "  (strata only rule)" if not any(r == rule for r in theirs) else mark
        print(f"{rule:46} {len(both):6} {len(only_ours):7} {len(only_theirs):7}{mark}")
        if mark.endswith("differs"):
            disagreements += 1
            for label, items in (("strata only", only_ours), ("squawk only", only_theirs)):
                for path, line in sorted(items)[: args.examples]:
                    print(f"    {label}: {path}:{line}")
    print(f"rules that differ: {disagreements}")


if __name__ == "__main__":
    main()
