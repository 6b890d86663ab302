"""What drafter keeps between runs so that it starts faster, and can always rebuild.

Two kinds of entry live here: compiled templates (sandbox.TemplateCache, Jinja2's own
bytecode cache) and validated playbooks (`playbook.load`). Each entry is keyed by a hash of
what it was made from, so an edited file is never served stale, whatever its size and
modification time. The folder is `$DRAFTER_HOME/cache`, else the platform's user cache
folder; it is created readable by its owner only, and is trusted as the rest of that
home is (entries are unpickled). Deleting it at any time costs one slower run.

The cache is only ever an optimisation: a folder that cannot be created or written, a
missing, torn or foreign entry, all cost a rebuild and never fail a command. Writes go to
a temporary file renamed into place, so concurrent runs never see half an entry.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def folder() -> Path:
    """`$DRAFTER_HOME/cache`, else the user cache dir."""
    env = os.environ.get("DRAFTER_HOME")
    if env:
        return Path(env).expanduser() / "cache"
    import platformdirs  # only when needed, as for the config dir

    return Path(platformdirs.user_cache_dir("drafter", appauthor=False))


def make(kind: str) -> Path:
    """The folder for `kind`, made (with the cache folder) readable by its owner only."""
    make_private(folder() / kind)
    return folder() / kind


def make_private(path: Path) -> None:
    """Make `path` and each missing folder above it readable by their owner only.

    os.makedirs gives its mode to the last folder alone: a new DRAFTER_HOME above would
    follow the umask, and whoever could write there could put pickles in its cache.
    """
    missing = []
    for parent in (path, *path.parents):
        if parent.exists():
            break
        missing.append(parent)
    for folder_ in reversed(missing):
        try:
            folder_.mkdir(mode=0o700)
        except FileExistsError:  # made meanwhile by another drafter
            pass


def load(kind: str, key: str) -> Any:
    """The object kept under `key`, or None when there is none that can be read."""
    try:
        with open(folder() / kind / f"{key}.pickle", "rb") as fh:
            return pickle.load(fh)  # noqa: S301  our own folder, made 0700 (see above)
    except Exception:  # noqa: BLE001  missing, torn, foreign: a miss, never a failure
        return None


def keep(kind: str, key: str, value: Any) -> None:
    """Keep `value` under `key`; silently nothing when it cannot be written."""
    where = folder() / kind
    tmp = where / f".{key}.{os.urandom(4).hex()}.tmp"
    try:
        make(kind)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{key}.pickle")
    except (OSError, pickle.PicklingError):
        try:
            tmp.unlink()
        except OSError:
            pass
