"""The sender profile, and where drafter keeps its files.

`DRAFTER_HOME`, when set, holds everything (profile.yaml and the user library);
otherwise the platform's config directory does (platformdirs).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import msgspec

from drafter import yamlio
from drafter.errors import InputFileError, UsageError
from drafter.output import write_atomic
from drafter.playbook import ME_KEYS, Me, suggest

PROFILE_FILE = "profile.yaml"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def home() -> Path:
    """drafter's own folder: `$DRAFTER_HOME`, else the user config dir."""
    env = os.environ.get("DRAFTER_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when needed: most runs set DRAFTER_HOME or never ask

    return Path(platformdirs.user_config_dir("drafter", appauthor=False))


def profile_path() -> Path:
    return home() / PROFILE_FILE


def load_profile() -> dict[str, str]:
    """The saved profile as a dict of every `me` key ("" when unset)."""
    path = profile_path()
    if not path.exists():
        return dict(msgspec.structs.asdict(Me()))
    text = yamlio.read_text(path, InputFileError)
    data = yamlio.load(text, path, InputFileError)
    return validate_me(data or {}, path)


def validate_me(data: Any, source: Path | str | None = None) -> dict[str, str]:
    """Check a `me` mapping (profile or answers) and fill every key."""
    where = f"{source}: " if source else ""
    if not isinstance(data, dict):
        raise UsageError(f"{where}'me' must be a mapping of {', '.join(ME_KEYS)}")
    for key in data:
        if key not in ME_KEYS:
            raise UsageError(
                f"{where}unknown profile key {key!r}{suggest(str(key), ME_KEYS)}; "
                f"keys: {', '.join(ME_KEYS)}"
            )
    clean = {
        k: "" if v is None else (str(v).strip() if not isinstance(v, bool) else v)
        for k, v in data.items()
    }
    try:
        me = msgspec.convert(clean, Me)
    except msgspec.ValidationError as exc:
        msg = str(exc).replace("`", "").replace(" - at $.", ": ")
        if "linkedin_account" in msg:
            msg = "linkedin_account: must be 'free' or 'premium'"
        raise UsageError(f"{where}{msg}") from None
    if me.email and not EMAIL_RE.match(me.email):
        raise UsageError(f"{where}email: {me.email!r} is not an email address")
    return dict(msgspec.structs.asdict(me))


def save_profile(values: dict[str, str]) -> Path:
    """Merge `values` into the saved profile and write it atomically."""
    import yaml

    current = load_profile()
    current.update(values)
    checked = validate_me(current)
    keep = {k: v for k, v in checked.items() if v and not (k == "linkedin_account" and v == "free")}
    path = profile_path()
    text = "# drafter sender profile: `drafter profile set KEY=VALUE` edits it\n"
    text += yaml.safe_dump(keep, sort_keys=False, allow_unicode=True) if keep else ""
    write_atomic(path, text, force=True)
    return path
