"""Shared by bench/faults and bench/concurrency: a throwaway PostgreSQL cluster on a unix socket (PostgreSQL's
default durability settings, run as the unprivileged user strata-pg when root), a tmpfs that can be resized, and
a subprocess helper."""
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

PG_USER = "strata-pg"
DB = "faults"


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def alive(pid):
    """Whether a process runs (a killed server whose parent does not reap it stays a zombie: not alive)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def as_owner(args):
    return ["runuser", "-u", PG_USER, "--"] + args if os.geteuid() == 0 else args


class Postgres:
    """A throwaway cluster on a unix socket with PostgreSQL's default durability settings."""

    def __init__(self, data_parent):
        self.bin = next(Path(p) for p in ["/usr/lib/postgresql/15/bin"] + sorted(map(str, Path(
            "/usr/lib/postgresql").glob("*/bin"))) if (Path(p) / "initdb").exists())
        self.socket = Path(tempfile.mkdtemp(prefix="strata-faults-sock."))
        Path(data_parent).mkdir(parents=True, exist_ok=True)
        self.data = Path(data_parent) / "data"
        if os.geteuid() == 0:
            if run(["id", PG_USER]).returncode != 0:
                run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER])
            for path in (self.socket, Path(data_parent)):
                shutil.chown(path, PG_USER)
        self.user = run(as_owner(["id", "-un"])).stdout.strip()
        # 1 MB WAL segments, so that a small file system can hold the cluster (the default is 16 MB).
        check(run(as_owner([str(self.bin / "initdb"), "-D", str(self.data), "-U", self.user, "-A", "trust",
                            "--no-sync", "-E", "UTF8", "--wal-segsize=1"])), "initdb")
        self.start()

    def start(self):
        # Right after a kill -9 the old server's shared memory can take a moment to go: retry a few times.
        for attempt in range(10):
            result = run(as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                                   str(self.data.parent / "server.log"), "-w", "-t", "120", "-o",
                                   f"-c listen_addresses='' -k {self.socket} -c max_wal_size=32MB -c min_wal_size=2MB",
                                   "start"]))
            if result.returncode == 0:
                return
            self.kill()
            time.sleep(0.5)
        log = (self.data.parent / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"pg_ctl start failed: {result.stdout}{result.stderr}\n{log}")

    def url(self, database=DB):
        return f"postgresql://{self.user}@/{database}?host={self.socket}"

    def psql(self, sql, database=DB):
        result = run(["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", self.url(database), "-c", sql])
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr.strip()}")
        return result.stdout

    def postmaster_pid(self):
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n")[0])
        except (OSError, ValueError):
            return None

    def processes(self):
        """The postmaster and every process it started, alive: each runs in the data directory (its cwd), which
        tells them from other clusters' processes even after the postmaster is gone."""
        data = os.path.realpath(self.data)
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.readlink(entry / "cwd") == data and alive(int(entry.name)):
                        found.append(int(entry.name))
                except OSError:
                    pass
        return found

    def kill(self):
        """kill -9 of the whole server at once, as a crash would (again for any process started meanwhile)."""
        for _ in range(5):
            pids = self.processes()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)

    def running(self):
        pid = self.postmaster_pid()
        return pid is not None and alive(pid)

    def accepting(self):
        result = run([str(self.bin / "pg_isready"), "-q", "-h", str(self.socket), "-U", self.user, "-d", "postgres"])
        return result.returncode == 0

    def ensure_running(self):
        """The server up and accepting connections. A postmaster.pid that names a live process is not enough:
        right after a kill -9 the pid can still be a dying process (or a reused pid), so wait for pg_isready,
        and start the server again when it does not come."""
        for _ in range(3):
            if self.running():
                deadline = time.time() + 20
                while time.time() < deadline:
                    if self.accepting():
                        return
                    time.sleep(0.1)
            self.kill()
            deadline = time.time() + 30
            while self.processes() and time.time() < deadline:
                time.sleep(0.05)
            self.start()
            if self.accepting():
                return
        raise RuntimeError("the PostgreSQL server did not come back after the fault")

    def recreate(self):
        self.psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", "postgres")
        self.psql(f"CREATE DATABASE {DB}", "postgres")

    def stop(self):
        run(as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]))
        shutil.rmtree(self.socket, ignore_errors=True)


def check(result, what):
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed: {result.stdout}{result.stderr}")
    return result


class Tmpfs:
    def __init__(self, size_bytes):
        if os.geteuid() != 0:
            raise RuntimeError("the disk-full scenarios mount a tmpfs: run as root")
        self.path = Path(tempfile.mkdtemp(prefix="strata-faults-tmpfs."))
        check(run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes},mode=0755", "tmpfs", str(self.path)]), "mount")

    def resize(self, size_bytes):
        check(run(["mount", "-o", f"remount,size={size_bytes}", str(self.path)]), "remount")

    def used(self):
        stat = os.statvfs(self.path)
        return (stat.f_blocks - stat.f_bfree) * stat.f_frsize

    def close(self):
        run(["umount", "-l", str(self.path)])
        shutil.rmtree(self.path, ignore_errors=True)
