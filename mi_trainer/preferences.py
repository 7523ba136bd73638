"""Remembered between app runs: the practitioner's name and team, the mode, the export folder.

Stored as a small JSON file under ``$MI_TRAINER_CONFIG_DIR`` or else the platform's user
config folder (``platformdirs.user_config_dir("mi-trainer")``). A missing or damaged file
simply means "nothing remembered"; nothing here ever raises for the user's sake.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

FILE_NAME = "preferences.json"


def config_dir() -> Path:
    env = os.environ.get("MI_TRAINER_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("mi-trainer"))


@dataclass
class Preferences:
    name: str = ""
    team: str = ""
    mode: str = "coach"
    export_dir: str = ""  # the folder the last export went to

    @classmethod
    def load(cls, folder: Path | None = None) -> Preferences:
        path = (folder or config_dir()) / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        mode = str(data.get("mode") or "coach")
        return cls(
            name=str(data.get("name") or ""),
            team=str(data.get("team") or ""),
            mode=mode if mode in ("coach", "assessment") else "coach",
            export_dir=str(data.get("export_dir") or ""),
        )

    def save(self, folder: Path | None = None) -> bool:
        """Write the file; False (no exception) when the folder is not writable."""
        from mi_trainer.safe_files import write_text

        folder = folder or config_dir()
        try:
            # Owner-only (a name and team), atomic, folders 0700.
            text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
            write_text(folder / FILE_NAME, text, create_folders=True)
        except OSError:
            return False
        return True
