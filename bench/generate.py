#!/usr/bin/env python3
"""Generates an N-revision migration repository for the benchmarks.

Every revision creates one table, so that every tool runs the same SQL. The same revision ids appear in every
layout:

  OUT/alembic/   alembic.ini, env.py (SQLAlchemy, transaction_per_migration=True), script.py.mako, versions/*.py
  OUT/native/    strata SQL files (-- revision: / -- revises: / -- +up / -- +down)
  OUT/sqitch/    sqitch.conf, sqitch.plan, deploy/ revert/ verify/
  OUT/dbmate/    db/migrations/<version>_<name>.sql (-- migrate:up / -- migrate:down)
  OUT/raw/       sqlite.sql and postgres.sql: the same statements, one transaction and one version insert per
                 migration, the floor for `sqlite3` / `psql`

Shapes:
  linear   a chain
  branchy  parallel lines (4 by default) growing round-robin, merged into one revision every 50 revisions
  depends  a chain where each revision also depends_on an older, non-parent revision

Sqitch, dbmate and raw scripts apply the revisions in generation order, which is a topological order.
"""
import argparse
import datetime
import hashlib
import os
import random
import shutil
import sys
from dataclasses import dataclass, field

LAYOUTS = ("alembic", "native", "sqitch", "dbmate", "raw")
SHAPES = ("linear", "branchy", "depends")
CREATED = datetime.datetime(2026, 1, 1, 0, 0, 0)


@dataclass
class Rev:
    index: int
    id: str
    revises: list = field(default_factory=list)
    depends_on: list = field(default_factory=list)
    message: str = ""

    @property
    def table(self):
        return f"t_{self.index:05d}"

    @property
    def slug(self):
        return self.message.replace(" ", "_")

    @property
    def created(self):
        return CREATED + datetime.timedelta(minutes=self.index)

    def up_sql(self):
        return (f"CREATE TABLE {self.table} (\n"
                f"    id integer PRIMARY KEY,\n"
                f"    name text NOT NULL,\n"
                f"    created_at timestamp DEFAULT CURRENT_TIMESTAMP\n"
                f")")

    def down_sql(self):
        return f"DROP TABLE {self.table}"


def make_id(seed, index):
    return hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:12]


def build_shape(shape, n, seed, lines, merge_every):
    """Returns the revisions in generation (topological) order."""
    revs = []

    def add(revises, depends_on=(), message=None):
        index = len(revs) + 1
        rev = Rev(index, make_id(seed, index), list(revises), list(depends_on),
                  message or f"create table t {index:05d}")
        revs.append(rev)
        return rev

    if n < 1:
        return revs
    root = add([])
    if shape == "linear":
        while len(revs) < n:
            add([revs[-1].id])
    elif shape == "depends":
        rng = random.Random(seed)
        while len(revs) < n:
            parent = revs[-1]
            # An older revision that is not the parent: the pattern that is quadratic in Alembic (graph-semantics.md "Why the traversal is fast").
            older = [revs[rng.randrange(0, len(revs) - 1)].id] if len(revs) >= 2 else []
            add([parent.id], older)
    elif shape == "branchy":
        fork = root
        while len(revs) < n:
            tips = [None] * lines
            grown = 0
            # Grow the lines round-robin; keep one slot for the merge (or the last revision).
            while grown < merge_every - 1 and len(revs) < n - 1:
                line = grown % lines
                tips[line] = add([tips[line].id if tips[line] else fork.id])
                grown += 1
            open_tips = [tip.id for tip in tips if tip is not None]
            if len(revs) >= n and len(open_tips) <= 1:
                break
            if len(open_tips) == 0:
                fork = add([fork.id])
            elif len(open_tips) == 1:
                fork = add(open_tips)
            else:
                fork = add(open_tips, message=f"merge {len(revs) + 1:05d}")
    else:
        raise ValueError(shape)
    return revs[:n]


def py_literal(ids):
    if not ids:
        return "None"
    if len(ids) == 1:
        return repr(ids[0])
    return "(" + ", ".join(repr(i) for i in ids) + ")"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


ALEMBIC_INI = """[alembic]
script_location = %(here)s
sqlalchemy.url = sqlite:///bench.db

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = WARN
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

ENV_PY = '''"""Alembic environment for the strata benchmarks: SQLAlchemy, one transaction per migration."""
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# BENCH_DATABASE_URL (a SQLAlchemy URL) wins over alembic.ini.
url = os.environ.get("BENCH_DATABASE_URL") or config.get_main_option("sqlalchemy.url")


def run_migrations_offline() -> None:
    context.configure(url=url, literal_binds=True, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

SCRIPT_MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''


def write_alembic(out, revs):
    write(os.path.join(out, "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(out, "env.py"), ENV_PY)
    write(os.path.join(out, "script.py.mako"), SCRIPT_MAKO)
    versions = os.path.join(out, "versions")
    os.makedirs(versions, exist_ok=True)
    for rev in revs:
        revises_doc = ", ".join(rev.revises)
        text = (f'"""{rev.message}\n\n'
                f"Revision ID: {rev.id}\n"
                f"Revises: {revises_doc}\n"
                f"Create Date: {rev.created.isoformat(sep=' ')}.000000\n\n"
                f'"""\n'
                f"from alembic import op\n"
                f"import sqlalchemy as sa\n\n\n"
                f"# revision identifiers, used by Alembic.\n"
                f"revision = {rev.id!r}\n"
                f"down_revision = {py_literal(rev.revises)}\n"
                f"branch_labels = None\n"
                f"depends_on = {py_literal(rev.depends_on)}\n\n\n"
                f"def upgrade() -> None:\n"
                f'    op.execute("""\n{rev.up_sql()}\n""")\n\n\n'
                f"def downgrade() -> None:\n"
                f'    op.execute("{rev.down_sql()}")\n')
        write(os.path.join(versions, f"{rev.id}_{rev.slug}.py"), text)


def write_native(out, revs):
    os.makedirs(out, exist_ok=True)
    for rev in revs:
        header = [f"-- revision: {rev.id}"]
        if rev.revises:
            header.append(f"-- revises: {', '.join(rev.revises)}")
        if rev.depends_on:
            header.append(f"-- depends-on: {', '.join(rev.depends_on)}")
        header.append(f"-- message: {rev.message}")
        header.append(f"-- created: {rev.created.isoformat()}Z")
        text = "\n".join(header) + f"\n\n-- +up\n{rev.up_sql()};\n\n-- +down\n{rev.down_sql()};\n"
        write(os.path.join(out, f"{rev.id}_{rev.slug}.sql"), text)


def write_sqitch(out, revs):
    write(os.path.join(out, "sqitch.conf"), "[core]\n\tplan_file = sqitch.plan\n\ttop_dir = .\n")
    plan = ["%syntax-version=1.0.0", "%project=strata_bench", ""]
    for rev in revs:
        stamp = rev.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        plan.append(f"{rev.table} {stamp} Bench <bench@example.invalid> # {rev.message}")
        # Sqitch's own templates wrap each script in a transaction; the registry update is Sqitch's business.
        write(os.path.join(out, "deploy", f"{rev.table}.sql"), f"BEGIN;\n\n{rev.up_sql()};\n\nCOMMIT;\n")
        write(os.path.join(out, "revert", f"{rev.table}.sql"), f"BEGIN;\n\n{rev.down_sql()};\n\nCOMMIT;\n")
        write(os.path.join(out, "verify", f"{rev.table}.sql"), f"SELECT id, name, created_at FROM {rev.table} WHERE 0 = 1;\n")
    write(os.path.join(out, "sqitch.plan"), "\n".join(plan) + "\n")


def write_dbmate(out, revs):
    migrations = os.path.join(out, "db", "migrations")
    os.makedirs(migrations, exist_ok=True)
    for rev in revs:
        version = rev.created.strftime("%Y%m%d%H%M%S")
        text = f"-- migrate:up\n{rev.up_sql()};\n\n-- migrate:down\n{rev.down_sql()};\n"
        write(os.path.join(migrations, f"{version}_{rev.slug}.sql"), text)


def write_raw(out, revs):
    """The floor: the same statements, each migration in its own transaction with one version-row insert."""
    for name in ("sqlite", "postgres"):
        lines = ["CREATE TABLE raw_version (revision varchar(32) PRIMARY KEY, "
                 "applied_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);"]
        for rev in revs:
            lines.append("BEGIN;")
            lines.append(f"{rev.up_sql()};")
            lines.append(f"INSERT INTO raw_version (revision) VALUES ('{rev.id}');")
            lines.append("COMMIT;")
        write(os.path.join(out, f"{name}.sql"), "\n".join(lines) + "\n")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, required=True, help="number of revisions")
    parser.add_argument("--shape", choices=SHAPES, default="linear")
    parser.add_argument("--layouts", default=",".join(LAYOUTS),
                        help=f"comma-separated subset of {','.join(LAYOUTS)} (default: all)")
    parser.add_argument("--lines", type=int, default=4, help="branchy: parallel lines (default 4)")
    parser.add_argument("--merge-every", type=int, default=50, help="branchy: merge period (default 50)")
    parser.add_argument("--seed", default="strata-bench", help="id seed (same seed, same ids)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument("out", help="output directory")
    args = parser.parse_args(argv)

    layouts = [layout for layout in args.layouts.split(",") if layout]
    unknown = [layout for layout in layouts if layout not in LAYOUTS]
    if unknown:
        parser.error(f"unknown layout {unknown[0]!r}; expected one of {', '.join(LAYOUTS)}")
    if os.path.exists(args.out):
        if not args.force:
            parser.error(f"{args.out} exists; pass --force to replace it")
        shutil.rmtree(args.out)

    revs = build_shape(args.shape, args.n, f"{args.seed}:{args.shape}", args.lines, args.merge_every)
    writers = {"alembic": write_alembic, "native": write_native, "sqitch": write_sqitch,
               "dbmate": write_dbmate, "raw": write_raw}
    for layout in layouts:
        writers[layout](os.path.join(args.out, layout), revs)
    # What the read-only benchmarks check each tool's output against.
    parents = {p for rev in revs for p in rev.revises}
    write(os.path.join(args.out, "heads.txt"), "".join(f"{rev.id}\n" for rev in revs if rev.id not in parents))
    write(os.path.join(args.out, "bases.txt"), "".join(f"{rev.id}\n" for rev in revs if not rev.revises))
    merges = sum(1 for rev in revs if len(rev.revises) > 1)
    print(f"generate: {len(revs)} revisions ({args.shape}, {merges} merges) -> {args.out} [{', '.join(layouts)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
