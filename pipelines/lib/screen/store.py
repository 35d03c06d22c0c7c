"""A built screening index saved as files and loaded memory-mapped.

Worker processes (``workers.py``) each need the whole index; building it takes
minutes at list scale, pickling it to each of them seconds and a copy of its
memory. Saved once, every array is an ``.npy`` file that ``np.load(mmap_mode="r")``
maps without reading, and every frame an uncompressed Arrow IPC file that pyarrow
maps the same way and Polars takes without a copy: loading costs milliseconds and
the pages are shared through the operating system's cache. ``manifest.json`` holds the rest (the version's
id and path, the legal-form bits, the policies and the settings).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa

from pipelines.lib.screen.index import ScreenIndex
from pipelines.lib.screen.lookup import HashLookup
from pipelines.lib.screen.settings import Limits, Retrieval, Scoring, Screening
from pipelines.lib.screen.version import Version

ARRAYS = ("entity_rows", "form_masks", "offsets", "postings")
LOOKUPS = ("vocab_lookup", "typos", "identifiers")
FRAMES = ("names", "facts")
SERIES = ("numbers", "vocab")
VERSION_FRAMES = ("entities", "listings", "names")  # in Version's field order
MANIFEST = "manifest.json"


def save_index(index: ScreenIndex, directory: Path) -> None:
    """Write ``index`` into ``directory`` (created if missing; files overwritten)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ARRAYS:
        np.save(directory / f"{name}.npy", getattr(index, name))
    for name in LOOKUPS:
        lookup: HashLookup = getattr(index, name)
        np.save(directory / f"{name}.keys.npy", lookup.keys)
        np.save(directory / f"{name}.values.npy", lookup.values)
    for position, mask in enumerate(index.policy_names.values()):
        np.save(directory / f"policy{position}.npy", mask)
    frames = {name: getattr(index, name) for name in FRAMES}
    frames |= {name: getattr(index, name).to_frame() for name in SERIES}
    frames |= {f"version.{name}": getattr(index.version, name) for name in VERSION_FRAMES}
    for name, frame in frames.items():
        frame.write_ipc(directory / f"{name}.arrow", compression="uncompressed")
    (directory / MANIFEST).write_text(json.dumps(_manifest(index)), encoding="utf-8")


def load_index(directory: Path) -> ScreenIndex:
    """The index ``save_index`` wrote into ``directory``, its arrays mapped."""
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    version = Version(manifest["version_id"], Path(manifest["version_path"]),
                      *(_frame(directory, f"version.{name}") for name in VERSION_FRAMES))
    return ScreenIndex(
        version=version,
        settings=_settings(manifest["settings"]),
        names=_frame(directory, "names"),
        entity_rows=_array(directory, "entity_rows"),
        facts=_frame(directory, "facts"),
        form_bits=manifest["form_bits"],
        form_masks=_array(directory, "form_masks"),
        numbers=_frame(directory, "numbers").to_series(),
        vocab=_frame(directory, "vocab").to_series(),
        vocab_lookup=_lookup(directory, "vocab_lookup"),
        offsets=_array(directory, "offsets"),
        postings=_array(directory, "postings"),
        typos=_lookup(directory, "typos"),
        identifiers=_lookup(directory, "identifiers"),
        policy_names={policy: _array(directory, f"policy{position}")
                      for position, policy in enumerate(manifest["policies"])},
    )


def _manifest(index: ScreenIndex) -> dict[str, Any]:
    return {"version_id": index.version.id, "version_path": str(index.version.path),
            "form_bits": index.form_bits, "policies": list(index.policy_names),
            "settings": asdict(index.settings)}


def _settings(raw: dict[str, dict[str, Any]]) -> Screening:
    return Screening(retrieval=Retrieval(**raw["retrieval"]), scoring=Scoring(**raw["scoring"]),
                     limits=Limits(**raw["limits"]))


def _array(directory: Path, name: str) -> npt.NDArray[Any]:
    array: npt.NDArray[Any] = np.load(directory / f"{name}.npy", mmap_mode="r")
    return array


def _lookup(directory: Path, name: str) -> HashLookup:
    return HashLookup(_array(directory, f"{name}.keys"), _array(directory, f"{name}.values"))


def _frame(directory: Path, name: str) -> pl.DataFrame:
    """Zero-copy: Polars writes strings as Arrow string views, which it takes as they are."""
    table = pa.ipc.open_file(pa.memory_map(str(directory / f"{name}.arrow"))).read_all()
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame
