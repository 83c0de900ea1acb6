"""A published folder (a deck, a page) is replaced whole or not at all."""

import os
import shutil
import tempfile
from pathlib import Path


def replace_folder(target, write):
    """write(tmp) into a fresh folder beside `target`, then swap it in for `target`: a failure
    leaves the old folder (or none), never half of a new one."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-new-"))
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    try:
        write(tmp)
        tmp.chmod(0o755)  # mkdtemp makes it private; a published folder is for reading
        if target.exists():
            target.rename(old)
        try:
            tmp.rename(target)
        except OSError:
            if old.exists():
                old.rename(target)  # put the old folder back
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
