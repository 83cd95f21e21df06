#!/usr/bin/python3
"""Compare strata's revision graph with Alembic 1.8.1's RevisionMap on random graphs.

For each random graph (fixed seeds) both sides answer the same questions: heads/bases/labels, upgrade order to
`heads`, to a revision and `+N` from random applied states, downgrade order to a revision, `base`, `-1` and
`L@base`, and history ranges. Outcomes must match: same steps in the same order, or an error on both sides.

Deliberate differences (docs/graph-semantics.md) are handled here:
* Alembic keeps surviving dependencies in a Python set; we patch its map to keep file order, as strata does.
* Where Alembic crashes (AssertionError/KeyError) strata raises a typed error: both count as "error".
"""
import argparse
import json
import random
import subprocess
import sys
import warnings

warnings.simplefilter("ignore")
from alembic.script import revision as alembic_revision  # noqa: E402

RevisionMap = alembic_revision.RevisionMap
Revision = alembic_revision.Revision


def random_graph(rng):
    n = rng.randint(1, 22) if rng.random() < 0.8 else rng.randint(23, 60)
    prefixes = [rng.choice(["a", "ab", "abc", "b", "ba", "c0"]) for _ in range(n)]
    name = lambda i: "%s%02d" % (prefixes[i], i)  # noqa: E731  (3 to 5 characters: some are prefix candidates)
    specs = []
    for i in range(n):
        rid = name(i)
        down, deps, labels = [], [], []
        if i > 0 and rng.random() > 0.15:
            down.append(name(rng.randrange(i)))
            if i > 1 and rng.random() < 0.2:
                other = name(rng.randrange(i))
                if other not in down:
                    down.append(other)
        if i > 0 and rng.random() < 0.25:
            for _ in range(1 if rng.random() < 0.8 else 2):
                dep = name(rng.randrange(i))
                if dep not in down and dep not in deps:
                    deps.append(dep)
        if rng.random() < 0.12:
            labels.append(rng.choice(["lab", "l", "abc_"]) + "%02d" % i)
        specs.append({"id": rid, "down": down, "deps": deps, "labels": labels})
    # Some dependencies name the label of their target instead of its id.
    label_of = {s["id"]: s["labels"][0] for s in specs if s["labels"]}
    for s in specs:
        s["deps"] = [label_of[d] if d in label_of and rng.random() < 0.5 else d for d in s["deps"]]
    rng.shuffle(specs)  # load order is independent of topology
    return specs


def alembic_map(specs):
    def gen():
        for s in specs:
            down = tuple(s["down"]) if len(s["down"]) > 1 else (s["down"][0] if s["down"] else None)
            deps = tuple(s["deps"]) if s["deps"] else None
            yield Revision(s["id"], down, dependencies=deps, branch_labels=tuple(s["labels"]) or None)

    rm = RevisionMap(gen)
    rm.heads  # build
    # Alembic stores surviving dependencies in a set; strata keeps file order. Make Alembic deterministic.
    for rid, rev in rm._revision_map.items():
        if rid and rev is not None and rev._resolved_dependencies:
            keep = set(rev._normalized_resolved_dependencies)
            rev._normalized_resolved_dependencies = tuple(d for d in rev._resolved_dependencies if d in keep)
    return rm


def ancestors(rm, ids):
    return {r.revision for r in rm._get_ancestor_nodes([rm.get_revision(i) for i in ids])}


def maximal(rm, applied):
    below = set()
    for rid in applied:
        below.update(rm.get_revision(rid)._normalized_down_revisions)
    below = ancestors(rm, below) if below else set()
    return [r for r in rm._revision_map if r and r in applied and r not in below]


def load_order(rm, ids):
    order = [r for r in rm._revision_map if r]
    return sorted(ids, key=order.index)


def alembic_answer(rm, query):
    try:
        op = query["op"]
        if op == "heads":
            return {"ok": True, "heads": list(rm.heads), "real_heads": list(rm._real_heads),
                    "bases": list(rm.bases), "real_bases": list(rm._real_bases),
                    "labels": {r: sorted(rev.branch_labels) for r, rev in rm._revision_map.items()
                               if r and rev is not None and rev.revision == r}}
        if op in ("upgrade", "downgrade"):
            rows = tuple(maximal(rm, set(query["applied"])))
            if op == "upgrade":
                revs = list(rm.iterate_revisions(query["target"], rows, implicit_base=True))
                steps = [r.revision for r in reversed(revs)]
            else:
                revs = list(rm.iterate_revisions(rows, query["target"], select_for_downgrade=True))
                steps = [r.revision for r in revs]
            return {"ok": True, "steps": steps}
        if op == "resolve":
            revs = rm.get_revisions(query["target"])
            if any(r is None for r in revs):
                return {"ok": False, "error": "overwalk (None in result)", "overwalk": True}
            return {"ok": True, "revs": [r.revision for r in revs if r != "base"]}
        if op == "history":
            base, head = query["range"].split(":")
            revs = rm.iterate_revisions(head or "heads", base or "base", inclusive=True,
                                        assert_relative_length=False)
            return {"ok": True, "revs": [r.revision for r in revs]}
    except Exception as error:  # RevisionError, and the crashes strata turns into typed errors
        return {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
    raise ValueError(op)


def queries_for(rng, rm, specs):
    ids = [s["id"] for s in specs]
    labels = [l for s in specs for l in s["labels"]]
    out = [{"op": "heads"}, {"op": "upgrade", "applied": [], "target": "heads"},
           {"op": "history", "range": ":"}]
    for _ in range(4):
        picks = rng.sample(ids, rng.randint(1, min(3, len(ids))))
        applied = load_order(rm, ancestors(rm, picks))
        target = rng.choice(ids)
        out.append({"op": "upgrade", "applied": applied, "target": "heads"})
        out.append({"op": "upgrade", "applied": applied, "target": target})
        out.append({"op": "downgrade", "applied": applied, "target": target})
        out.append({"op": "downgrade", "applied": applied, "target": "base"})
        out.append({"op": "history", "range": "%s:" % target})
        out.append({"op": "history", "range": "%s:%s" % (rng.choice(ids), rng.choice(ids))})
        if len(maximal(rm, set(applied))) == 1:
            out.append({"op": "downgrade", "applied": applied, "target": "-1"})
            out.append({"op": "upgrade", "applied": applied, "target": "+1"})
        if labels:
            label = rng.choice(labels)
            out.append({"op": "downgrade", "applied": applied, "target": label + "@base"})
            out.append({"op": "upgrade", "applied": applied, "target": label + "@head"})
            out.append({"op": "history", "range": label + "@base:"})
    out.append({"op": "upgrade", "applied": [], "target": "+1"})
    for _ in range(3):
        rid = rng.choice(ids)
        out.append({"op": "resolve", "target": rid[: rng.randint(1, len(rid))]})
        out.append({"op": "resolve", "target": "%s@head" % rid})
        out.append({"op": "resolve", "target": "%s@heads" % rid[: rng.randint(1, len(rid))]})
        out.append({"op": "resolve", "target": "-%d" % rng.randint(1, 3)})
        step = rng.randint(1, 3)
        applied = load_order(rm, ancestors(rm, [rng.choice(ids)]))
        out.append({"op": "upgrade", "applied": applied, "target": "%s+%d" % (rid, step)})
        out.append({"op": "upgrade", "applied": [], "target": "%s-%d" % (rid, step)})
        out.append({"op": "downgrade", "applied": applied, "target": "%s-%d" % (rid, step)})
        out.append({"op": "downgrade", "applied": applied, "target": "%s+%d" % (rid, step)})
        out.append({"op": "history", "range": "-%d:" % step})
        if labels:
            label = rng.choice(labels)
            out.append({"op": "resolve", "target": label + "@head"})
            out.append({"op": "resolve", "target": label + "@-1"})
            out.append({"op": "resolve", "target": label[: rng.randint(1, len(label))]})
            out.append({"op": "upgrade", "applied": applied, "target": label + "@+1"})
            out.append({"op": "downgrade", "applied": applied, "target": label + "@-1"})
            out.append({"op": "downgrade", "applied": applied, "target": "%s@%s" % (label, rid)})
    picks = rng.sample(ids, min(3, len(ids)))
    applied = load_order(rm, ancestors(rm, picks))
    out.append({"op": "downgrade", "applied": applied, "target": "-1"})
    return out


def deliberate(rm, query, alembic, strata):
    """A documented difference (docs/graph-semantics.md), or None."""
    op, target = query["op"], query.get("target", "")
    if op == "downgrade" and target == "-1" and not strata["ok"] and strata["code"] == "ambiguous_downgrade":
        return "downgrade -1 from several heads is an error"
    if op == "upgrade" and alembic.get("error", "").startswith("AssertionError") and strata["ok"] \
            and not strata["steps"] and "-" in target:
        return "upgrade X-N reaching base is a no-op"
    if op == "resolve" and "Multiple revisions start with" in alembic.get("error", "") and strata["ok"]:
        prefix = target[: -len("@heads")] if target.endswith("@heads") else target
        owners = {rev.revision for key, rev in rm._revision_map.items()
                  if key and rev is not None and len(key) > 3 and key.startswith(prefix)}
        if len(owners) == 1:
            return "a prefix matching one revision's id and its label is not ambiguous"
    if op == "resolve" and alembic.get("overwalk") and not strata["ok"] and strata["code"] == "relative_overflow":
        return "-N below base is an error"
    return None


def compare(rm, query, alembic, strata):
    """Returns None when the answers agree, else a description."""
    if strata.get("ok") != alembic.get("ok"):
        return "outcome differs"
    if not alembic["ok"]:
        return None
    for key in ("steps", "revs", "heads", "real_heads", "bases", "real_bases", "labels"):
        if key in alembic and alembic[key] != strata.get(key):
            return "%s differ" % key
    if query["op"] in ("upgrade", "downgrade"):
        applied = set(query["applied"])
        after = applied | set(strata["steps"]) if query["op"] == "upgrade" else applied - set(strata["steps"])
        if maximal(rm, after) != strata["heads_after"]:
            return "heads_after is not maximal(applied after)"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("--graphs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20261124)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = []
    for _ in range(args.graphs):
        specs = random_graph(rng)
        rm = alembic_map(specs)
        queries = queries_for(rng, rm, specs)
        cases.append((specs, rm, queries))

    payload = "".join(json.dumps({"revisions": specs, "queries": queries}) + "\n" for specs, _, queries in cases)
    result = subprocess.run([args.strata], input=payload, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert len(lines) == len(cases), "strata_oracle answered %d of %d graphs" % (len(lines), len(cases))

    counts = {"graphs": len(cases), "queries": 0, "both_ok": 0, "both_error": 0, "deliberate": {}}
    failures = []
    for (specs, rm, queries), line in zip(cases, lines):
        output = json.loads(line)
        if "build_error" in output:
            failures.append(("build", specs, output["build_error"], None))
            continue
        for query, strata in zip(queries, output["answers"]):
            alembic = alembic_answer(rm, query)
            counts["queries"] += 1
            problem = compare(rm, query, alembic, strata)
            reason = deliberate(rm, query, alembic, strata) if problem else None
            if reason:
                counts["deliberate"][reason] = counts["deliberate"].get(reason, 0) + 1
            elif problem:
                failures.append((problem, specs, query, (alembic, strata)))
            elif alembic["ok"]:
                counts["both_ok"] += 1
            else:
                counts["both_error"] += 1
    print(json.dumps(counts))
    for problem, specs, query, answers in failures[:10]:
        print("MISMATCH:", problem)
        print("  graph:", json.dumps(specs))
        print("  query:", json.dumps(query))
        print("  alembic/strata:", json.dumps(answers))
    if failures:
        print("%d mismatches" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
