"""The screening index of one published version, built in memory at load.

Every name is normalised with entity resolution's own normaliser
(``resolve.names.name_keys``), so a query and a listed name meet exactly as two
records do in resolution. Retrieval keys are a name's block tokens (its core
tokens and, for Chinese names, adjacent pinyin syllable pairs) and its core
without spaces ("Byte Dance" meets "ByteDance"). Postings are one numpy array
in key order (CSR), not a Python object per name.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa

from pipelines.lib.resolve.names import NameKey, name_keys
from pipelines.lib.screen.features import form_bits
from pipelines.lib.screen.lookup import HashLookup, Ints
from pipelines.lib.screen.settings import Screening
from pipelines.lib.screen.version import Version


@dataclass(frozen=True)
class ScreenIndex:
    version: Version
    settings: Screening
    names: pl.DataFrame  # entity_idx, matched_name, n_core, n_compact, n_forms: per name
    entity_rows: npt.NDArray[np.int32]  # names' entity_idx, ascending
    facts: pl.DataFrame  # entity_id, kind, countries, identifiers, entity_name: by entity_idx
    form_bits: dict[str, int]  # legal form -> its bit in form masks
    form_masks: npt.NDArray[np.uint64]  # per name: its legal forms as bits
    numbers: pl.Series  # per name: its numbers, sorted and space-joined ("" for none)
    vocab: pl.Series  # retrieval keys, by key id
    vocab_lookup: HashLookup  # key -> key id
    offsets: Ints  # the names holding key k: postings[offsets[k]:offsets[k + 1]]
    postings: npt.NDArray[np.int32]  # name rows, ascending within each key
    typos: HashLookup  # a token or one of its one-letter deletions -> the token's key id
    identifiers: HashLookup  # casefolded "scheme:value" -> entity_idx
    policy_names: dict[str, npt.NDArray[np.bool_]]  # per policy: names of entities it lists

    @property
    def nbytes(self) -> int:
        arrays = self.offsets.nbytes + self.postings.nbytes + sum(
            mask.nbytes for mask in self.policy_names.values())
        lookups = self.vocab_lookup.nbytes + self.typos.nbytes + self.identifiers.nbytes
        frames = (self.names.estimated_size() + self.vocab.estimated_size()
                  + self.entity_rows.nbytes
                  + self.version.entities.estimated_size()
                  + self.version.listings.estimated_size())
        return int(arrays + lookups + frames)


KEY_SCHEMA = pa.schema([
    pa.field("core", pa.string()),
    pa.field("compact", pa.string()),
    pa.field("forms", pa.list_(pa.string())),
    pa.field("keys", pa.list_(pa.string())),
])
# Names are normalised this many at a time: the Python objects of one chunk
# become Arrow columns before the next, so memory stays flat at any list size.
CHUNK = 100_000
# Below this many names a worker pool costs more than it saves.
PARALLEL_FROM = 400_000


def key_batch(names: list[str], persons: list[bool]) -> pa.RecordBatch:
    """The parts of normalised names that screening uses, as Arrow columns."""
    keys = name_keys(names, persons)
    return pa.RecordBatch.from_arrays([
        pa.array([k.core if k else None for k in keys], pa.string()),
        pa.array([k.compact if k else None for k in keys], pa.string()),
        pa.array([list(k.forms) if k else [] for k in keys], pa.list_(pa.string())),
        pa.array([retrieval_keys(k) if k else [] for k in keys], pa.list_(pa.string())),
    ], schema=KEY_SCHEMA)


def retrieval_keys(key: NameKey) -> list[str]:
    if len(key.tokens) == 1 and key.compact == key.tokens[0]:
        return list(key.block_tokens)
    return [*key.block_tokens, key.compact]


def build_index(version: Version, settings: Screening) -> ScreenIndex:
    names = _normalised_names(version)
    vocab, offsets, postings = _postings(names)
    bits = form_bits(names["forms"])
    key_ids = np.arange(vocab.len(), dtype=np.int32)
    return ScreenIndex(
        version=version,
        settings=settings,
        names=names.select("entity_idx", matched_name="name", n_core="core",
                           n_compact="compact", n_forms="forms"),
        entity_rows=names["entity_idx"].to_numpy(),
        facts=version.entities.select("entity_id", "kind", "countries", "identifiers",
                                      entity_name="name"),
        form_bits=bits,
        form_masks=_form_masks(names["forms"], bits),
        numbers=names["core"].str.extract_all(r"\b\d+\b").list.unique().list.sort()
        .list.join(" "),
        vocab=vocab,
        vocab_lookup=HashLookup.build(vocab, key_ids),
        offsets=offsets,
        postings=postings,
        typos=_typo_lookup(vocab, settings),
        identifiers=_identifier_lookup(version.entities),
        policy_names=_policy_names(version, names),
    )


def _normalised_names(version: Version) -> pl.DataFrame:
    entities = version.entities.select("entity_id", "kind").with_row_index("entity_idx")
    names = version.names.join(entities, on="entity_id", how="left", maintain_order="left")
    texts, persons = names["name"].to_list(), (names["kind"] == "person").to_list()
    chunks = [(texts[i:i + CHUNK], persons[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    del texts, persons
    batches = _normalised(chunks, parallel=names.height >= PARALLEL_FROM)
    columns = pl.DataFrame(pa.Table.from_batches(batches, schema=KEY_SCHEMA))
    return (pl.concat([names.select(pl.col("entity_idx").cast(pl.Int32), "name"), columns],
                      how="horizontal")
            .filter(pl.col("core").is_not_null()))


def _normalised(chunks: list[tuple[list[str], list[bool]]], parallel: bool
                ) -> list[pa.RecordBatch]:
    workers = min(os.cpu_count() or 1, len(chunks))
    if not parallel or workers < 2:
        return [key_batch(*chunk) for chunk in chunks]
    with ProcessPoolExecutor(workers) as pool:
        # map keeps the input order, so the index is the same as a sequential build.
        return list(pool.map(key_batch, *zip(*chunks, strict=True)))


def _postings(names: pl.DataFrame) -> tuple[pl.Series, Ints, npt.NDArray[np.int32]]:
    pairs = (names.select(pl.int_range(pl.len(), dtype=pl.Int32).alias("name_row"), "keys")
             .explode("keys").drop_nulls("keys").unique())
    vocab = pairs["keys"].unique().sort()
    ids = pl.DataFrame({"keys": vocab, "key_id": pl.int_range(vocab.len(), eager=True,
                                                                dtype=pl.Int32)})
    numbered = pairs.join(ids, on="keys").sort("key_id", "name_row")
    counts = np.bincount(numbered["key_id"].to_numpy(), minlength=vocab.len())
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return vocab, offsets, numbered["name_row"].to_numpy().astype(np.int32)


def _typo_lookup(vocab: pl.Series, settings: Screening) -> HashLookup:
    """Each token of a typo-prone length under itself and its one-letter
    deletions (SymSpell's scheme): two tokens one edit apart share one of them."""
    low, high = settings.retrieval.typo_min_length, settings.retrieval.typo_max_length
    tokens = pl.DataFrame({"token": vocab}).with_row_index("key_id").filter(
        pl.col("token").str.len_chars().is_between(low, high))
    token = pl.col("token")
    variants = [tokens.select("key_id", variant=token)]
    variants += [tokens.filter(token.str.len_chars() > i).select(
        "key_id", variant=token.str.slice(0, i) + token.str.slice(i + 1)) for i in range(high)]
    table = pl.concat(variants).unique()
    return HashLookup.build(table["variant"], table["key_id"].cast(pl.Int32).to_numpy())


def _form_masks(forms: pl.Series, bits: dict[str, int]) -> npt.NDArray[np.uint64]:
    exploded = pl.DataFrame({"forms": forms}).with_row_index("row").explode("forms").drop_nulls()
    masks = np.zeros(forms.len(), dtype=np.uint64)
    bit = exploded["forms"].replace_strict(bits, return_dtype=pl.UInt64).to_numpy()
    np.bitwise_or.at(masks, exploded["row"].to_numpy(), np.left_shift(np.uint64(1), bit))
    return masks


def _identifier_lookup(entities: pl.DataFrame) -> HashLookup:
    table = (entities.select(pl.int_range(pl.len(), dtype=pl.Int32).alias("entity_idx"),
                             "identifiers")
             .explode("identifiers").drop_nulls("identifiers"))
    return HashLookup.build(table["identifiers"].str.to_lowercase(),
                            table["entity_idx"].to_numpy())


def _policy_names(version: Version, names: pl.DataFrame) -> dict[str, npt.NDArray[np.bool_]]:
    entity_idx = version.entities.select("entity_id").with_row_index("entity_idx")
    masks: dict[str, npt.NDArray[np.bool_]] = {}
    for (policy,), listed in version.listings.join(entity_idx, on="entity_id").group_by(
            "policy"):
        listed_entities = np.zeros(version.entities.height, dtype=np.bool_)
        listed_entities[listed["entity_idx"].to_numpy()] = True
        masks[str(policy)] = listed_entities[names["entity_idx"].to_numpy()]
    return dict(sorted(masks.items()))
