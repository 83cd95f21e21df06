#!/usr/bin/env python3
"""The Alembic header reader against Python's own parser (ast), over every Alembic folder of the repository's tests.

For each folder of .py revision files, Python's ast says, per file and per field (revision, down_revision,
branch_labels, depends_on), whether the field is a literal bound once at module level and never changed afterwards
(and its value). strata must agree:

  (a) a file Python cannot parse (SyntaxError) is never loaded by strata;
  (b) a field strata loads has the value Python's ast.literal_eval gives, and Python finds it bound by plain
      top-level assignments only, never changed;
  (c) a folder whose every field Python finds plain and literal, with valid ids, loads in strata (exit 0).

Changes the oracle recognises: any binding of the name other than a plain top-level assignment (augmented
assignment, unpacking, for/with/except/import/def/class/del/walrus/global, any assignment inside a module-level
block) and `name.method(...)` / `name[...] = ...` statements.
"""
import argparse
import ast
import json
import os
import re
import subprocess
import sys

FIELDS = ("revision", "down_revision", "branch_labels", "depends_on")
ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.]{0,254}$")


def bound_names(target):
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from bound_names(element)
    elif isinstance(target, ast.Starred):
        yield from bound_names(target.value)
    elif isinstance(target, (ast.Attribute, ast.Subscript)):
        base = target.value
        while isinstance(base, (ast.Attribute, ast.Subscript)):
            base = base.value
        if isinstance(base, ast.Name):
            yield base.id


class Changes(ast.NodeVisitor):
    """Names changed other than by plain top-level `name = literal` statements."""

    def __init__(self):
        self.changed = set()
        self.depth = 0  # inside a module-level block
        self.in_function = False

    def statements(self, body, nested):
        for statement in body:
            self.statement(statement, nested)

    def statement(self, node, nested):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.changed.add(node.name)
            for inner in ast.walk(node):
                if isinstance(inner, ast.Global):
                    self.changed.update(inner.names)
            return
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            plain = all(isinstance(t, ast.Name) for t in targets)
            if nested or not plain:
                for target in targets:
                    self.changed.update(bound_names(target))
        elif isinstance(node, ast.AugAssign):
            self.changed.update(bound_names(node.target))
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                self.changed.update(bound_names(target))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                self.changed.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.Global):
            self.changed.update(node.names)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                self.changed.add(func.value.id)
        if isinstance(node, (ast.For, ast.AsyncFor)):
            self.changed.update(bound_names(node.target))
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self.changed.update(bound_names(item.optional_vars))
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                if handler.name:
                    self.changed.add(handler.name)
        for inner in ast.walk(node):
            if isinstance(inner, ast.NamedExpr):
                self.changed.update(bound_names(inner.target))
        for field in ("body", "orelse", "finalbody"):
            self.statements(getattr(node, field, []) or [], True)
        for handler in getattr(node, "handlers", []) or []:
            self.statements(handler.body, True)


def python_view(text):
    """{field: value or None when not plainly readable}, or 'syntax' when Python cannot parse the file."""
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError):
        return "syntax"
    changes = Changes()
    changes.statements(module.body, False)
    assignments = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            for target in node.targets:
                assignments.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            assignments.setdefault(node.target.id, []).append(node.value)

    def value_of(name, hops=0):
        if name in changes.changed or name not in assignments or hops > 16:
            return None, False
        node = assignments[name][-1]
        if hops > 0 and len(assignments[name]) != 1:
            return None, False
        if isinstance(node, ast.Name):
            return value_of(node.id, hops + 1)
        try:
            value = ast.literal_eval(node)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None, False
        return value, True

    view = {}
    for field in FIELDS:
        if field not in assignments and field not in changes.changed:
            view[field] = ("absent",)
            continue
        value, ok = value_of(field)
        view[field] = ("value", value) if ok else ("unreadable",)
    return view


def as_list(value):
    if value is None or value == "" or value == ():
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def plain(value):
    """A value strata can read: None, a str, or a tuple/list of non-empty str."""
    if value is None or isinstance(value, str):
        return True
    return isinstance(value, (tuple, list)) and all(isinstance(v, str) and v for v in value)


def folders(roots):
    for root in roots:
        for base, _, files in os.walk(root):
            if any(f.endswith(".py") for f in files) and not any(f == "env.py" for f in files):
                yield base


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("roots", nargs="+")
    options = parser.parse_args()
    failures = []
    checked = 0
    for folder in sorted(set(folders(options.roots))):
        views = {}
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as handle:
                    views[name] = python_view(handle.read())
        run = subprocess.run([options.strata, "-d", folder, "history", "--json"], capture_output=True)
        checked += 1
        if run.returncode == 0:
            loaded = {os.path.basename(r["path"]): r for r in json.loads(run.stdout)["revisions"]}
            for name, view in views.items():
                if view == "syntax":
                    failures.append(f"{folder}/{name}: Python cannot parse it, strata loaded it")
                    continue
                record = loaded.get(name)
                if record is None:
                    continue
                expected = {"revision": "revision", "down_revision": "revises", "branch_labels": "branch_labels",
                            "depends_on": "depends_on"}
                for field, key in expected.items():
                    kind = view[field][0]
                    if kind == "unreadable":
                        failures.append(f"{folder}/{name}: {field} changes or is not a literal for Python, strata read it")
                    elif kind == "value":
                        value = view[field][1]
                        python_value = value if field == "revision" else as_list(value)
                        strata_value = record[key]
                        if python_value != strata_value:
                            failures.append(f"{folder}/{name}: {field} is {python_value!r} for Python, "
                                            f"{strata_value!r} for strata")
        else:
            all_plain = all(view != "syntax" and all(v[0] != "unreadable" for v in view.values()) and
                            all(v[0] != "value" or plain(v[1]) for v in view.values()) for view in views.values())
            ids_ok = all(view != "syntax" and view["revision"][0] == "value" and isinstance(view["revision"][1], str)
                         and ID_RE.match(view["revision"][1]) and view["down_revision"][0] == "value"
                         and all(ID_RE.match(i) for i in as_list(view["down_revision"][1]))
                         for view in views.values())
            if all_plain and ids_ok and b"is not statically readable" in run.stderr:
                failures.append(f"{folder}: every field is a plain literal for Python, strata says: "
                                f"{run.stderr.decode('utf-8', 'replace').strip()[:300]}")
    for failure in failures:
        print("FAIL", failure)
    print(f"{checked} folders checked, {len(failures)} disagreements")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
