"""Uploads kept between the upload page's preview and its import, so nobody picks a file twice.

Each upload waits in a private folder of its own under `STAGING_ROOT`, named by a random token
that only the page of the admin who uploaded it knows; the folder holds the file, the mapping
file if one came with it, and what the preview chose (kind, preset). An import claims the folder
by renaming it, so a double-clicked "Import" runs once, and deletes it after. Uploads nobody
imports are deleted `STAGING_TTL` after their last preview, by the next upload.
"""

import json
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from pacesetter.imports.uploads import Upload, copy_stream, file_label

STAGING_ROOT = Path(tempfile.gettempdir()) / "pacesetter-uploads"
STAGING_TTL = timedelta(hours=1)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_META = "upload.json"
_CLAIMED = ".claimed"


@dataclass
class Staged:
    """One kept upload: where it is, whose it is and what its last preview chose."""

    token: str
    folder: Path
    person_id: int
    file_name: str
    kind: str = ""
    preset: str | None = None
    mapping_name: str | None = None

    @property
    def mapping_file(self) -> Path | None:
        return self.folder / "mapping" / self.mapping_name if self.mapping_name else None

    def upload(self) -> Upload:
        data = self.folder / "data"
        return Upload(self.kind, data, self.file_name, self.preset, self.mapping_file)

    def keep_mapping(self, stream: BinaryIO | None, name: str | None) -> None:
        """Keep the mapping file given with this preview; none given means none is used."""
        shutil.rmtree(self.folder / "mapping", ignore_errors=True)
        self.mapping_name = None
        if stream is not None:
            (self.folder / "mapping").mkdir(mode=0o700)
            self.mapping_name = file_label(name)
            copy_stream(stream, self.folder / "mapping" / self.mapping_name)

    def save(self) -> None:
        """Record the choices; saving also restarts the upload's time to live."""
        fields = asdict(self)
        del fields["token"], fields["folder"]
        (self.folder / _META).write_text(json.dumps(fields), encoding="utf-8")


def stage(stream: BinaryIO, file_name: str | None, person_id: int) -> Staged:
    """Keep a new upload (and drop those whose time is up)."""
    _purge_expired()
    token = secrets.token_urlsafe(24)
    folder = STAGING_ROOT / token
    folder.mkdir(mode=0o700)
    copy_stream(stream, folder / "data")
    staged = Staged(token, folder, person_id, file_label(file_name))
    staged.save()
    return staged


def staged(token: str, person_id: int) -> Staged | None:
    """The person's upload kept under `token`, if it is still there."""
    if not _TOKEN.fullmatch(token):
        return None
    return _load(token, STAGING_ROOT / token, person_id)


def claim(token: str, person_id: int) -> Staged | None:
    """Take the upload for its import: only one request gets it, however many ask."""
    found = staged(token, person_id)
    if found is None:
        return None
    claimed = found.folder.with_name(token + _CLAIMED)
    try:
        found.folder.rename(claimed)
    except OSError:
        return None  # another request claimed it first
    found.folder = claimed
    (claimed / _META).touch()  # a fresh time to live: the purge leaves a running import alone
    return found


def discard(upload: Staged) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def _load(token: str, folder: Path, person_id: int) -> Staged | None:
    try:
        fields = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = Staged(token, folder, **fields)
    return found if found.person_id == person_id and not _expired(folder) else None


def _expired(folder: Path) -> bool:
    """Past its time to live since its last save (or since it was made, before its first)."""
    meta = folder / _META
    try:
        saved = (meta if meta.exists() else folder).stat().st_mtime
    except OSError:
        return False  # gone already
    return time.time() - saved > STAGING_TTL.total_seconds()


def _purge_expired() -> None:
    STAGING_ROOT.mkdir(mode=0o700, parents=True, exist_ok=True)
    for folder in STAGING_ROOT.iterdir():
        if _expired(folder):
            shutil.rmtree(folder, ignore_errors=True)
