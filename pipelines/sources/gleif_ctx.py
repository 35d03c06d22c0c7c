"""What a GLEIF record handler is given, and its signature.

Kept apart from the parse loop (``gleif_run``) so the worker processes of
``gleif_parallel`` can build one without importing the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipelines.lib.staging import StagingWriter
from pipelines.sources.gleif_enums import check
from pipelines.sources.gleif_read import Record
from pipelines.sources.gleif_tree import Node, leaves


@dataclass
class Ctx:
    """What a record handler needs: the file name for messages and the writer."""

    file: str
    writer: StagingWriter

    def enum(
        self, node: Node, path: str, allowed: frozenset[str], name: str | None = None
    ) -> str | None:
        """The value at ``path``; UnknownValueError (naming ``name`` or the path) if not allowed."""
        element = path.partition("@")[0].rstrip("/")
        target = node.one(element) if element else node
        line = target.line if target is not None else node.line
        field = name or path.replace("/", ".")
        return check(field, node.get(path), allowed, self.file, line)

    def quarantine(self, record: Record, reason: str) -> None:
        self.writer.quarantine(self.file, record.line, reason, record.raw())

    def leftovers(
        self, node: Node, known: Iterable[str], ignored: tuple[str, ...], base: str = ""
    ) -> None:
        """Report every value whose path is neither mapped (``known``) nor deliberately ignored."""
        known_set = known if isinstance(known, frozenset) else frozenset(known)
        for path, value, line in leaves(node, base):
            if path in known_set or path.startswith(ignored):
                continue
            self.writer.leftover(self.file, line, path, value)


Handler = Callable[[Ctx, Record], None]
