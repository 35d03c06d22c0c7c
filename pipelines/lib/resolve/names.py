"""Name normalisation for entity resolution: one comparable key per name.

``"Tencent Holdings Limited"``, ``"TENCENT HOLDINGS LTD"`` and ``"腾讯控股有限公司"``
become keys whose parts can be compared and blocked on:

1. Unicode NFKC, case folding and rigour's name tokenizer: punctuation splits
   words (``"&"`` too), dots and apostrophes are dropped (``"K.K."`` -> ``kk``),
   words inside brackets stay.
2. Han runs are split on the Chinese words of ``data/reference/name_forms.csv``
   (有限公司, 集团, 控股...); the rest becomes pinyin (pypinyin), one token per
   run, plus every pair of adjacent syllables for blocking.
3. Legal forms leave the name for ``forms``: rigour's org-type data (ISO 20275
   and more) finds them in the name's own script, and again in Latin for other
   scripts; the CSV adds what rigour leaves in (Co, Corp, GLEIF's ``YOUXIAN GONGSI``).
4. Other scripts become ASCII with rigour's ``ascii_text``.
5. The CSV's abbreviations become one token, the long form, so a typo in it stays a
   small edit (HOLDINGS/HLDGS -> ``holdings``,
   KEJI/科技/TECH -> ``technology``); ``and`` is dropped: ``"A & B"`` = ``"A and B"``.

Person names skip the Han dictionary, 3 and 5, and lose their honorifics.
"""

from __future__ import annotations

import csv
import gc
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from itertools import chain, pairwise
from pathlib import Path

from pypinyin import lazy_pinyin
from rapidfuzz.distance import OSA

# rigour's typed core: its word lists (as rigour.names.prefix reads them) and the Rust
# function behind rigour.names.remove_org_types, called with its flags converted once
# instead of on every call of the hot path.
from rigour._core import org_name_prefixes_list
from rigour._core import remove_org_types as remove_org_types_rs
from rigour.names import extract_org_types, remove_person_prefixes, tokenize_name
from rigour.text import ascii_text
from rigour.text.normalize import Cleanup, Normalize, normalize
from rigour.text.scripts import codepoint_script
from rigour.text.translit import maybe_ascii

FORMS_CSV = Path(__file__).resolve().parents[3] / "data" / "reference" / "name_forms.csv"
KINDS = ("legal_form", "abbreviation")
# One normalisation for the input and for rigour's org-type aliases, as rigour asks.
NAME_FLAGS = Normalize.NFKC | Normalize.CASEFOLD | Normalize.NAME
NAME_FLAGS_INT, NO_CLEANUP = int(NAME_FLAGS), int(Cleanup.Noop)
# CJK unified ideographs (with extensions A-F) and the ideographic zero.
HAN_RUN = re.compile("([\u3007\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]+)")
SCRIPTS = {"Latin": "latin", "Han": "han", "Cyrillic": "cyrillic", "Arabic": "arabic",
           "Greek": "greek"}
# ASCII organisation names are normalised this many at a time, as one string.
BATCH = 50_000


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name's parts, for blocking (rare tokens) and scoring (core, compact, forms)."""

    core: str  # core tokens (no legal forms), sorted, space-joined
    compact: str  # core tokens in their original order, without spaces
    tokens: tuple[str, ...]  # core tokens, sorted, distinct
    forms: tuple[str, ...]  # canonical legal-form tokens, sorted, distinct
    block_tokens: tuple[str, ...]  # core tokens + adjacent pinyin syllable pairs, sorted
    script: str  # dominant script of the input: latin, han, cyrillic, arabic, greek, other


_SLOT_SETTERS = tuple(getattr(NameKey, field.name).__set__ for field in fields(NameKey))


@dataclass(frozen=True, slots=True)
class _Entry:
    legal_form: bool
    canonical: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Table:
    """``name_forms.csv``, indexed for the lookups below."""

    words: dict[str, _Entry]  # one Latin token
    phrases: dict[tuple[str, ...], _Entry]  # several Latin tokens
    phrase_starts: frozenset[str]
    longest_phrase: int
    han: dict[str, _Entry]
    longest_han: int
    one_for_one: dict[str, str]  # abbreviations replaced by exactly one token
    special: frozenset[str]  # every other Latin token the table acts on
    articles: frozenset[str]  # leading articles rigour strips from organisation names


def name_key(name: str, person: bool = False) -> NameKey | None:
    """The key of one name; None when no core token is left."""
    return _cached_key(name, person)


def name_keys(names: Sequence[str], persons: Sequence[bool] | None = None) -> list[NameKey | None]:
    """Keys of many names, each distinct (name, person) normalised once."""
    if persons is not None and len(persons) != len(names):
        raise ValueError(f"{len(names)} names but {len(persons)} person flags")
    with _gc_paused():
        if persons is None or not any(persons):
            org = _org_keys(list(dict.fromkeys(names)))
            return list(map(org.__getitem__, names))
        flagged = list(zip(names, persons, strict=True))
        org = _org_keys(list(dict.fromkeys(name for name, person in flagged if not person)))
        people = {name: _build_key(name, True)
                  for name in dict.fromkeys(name for name, person in flagged if person)}
        return [people[name] if person else org[name] for name, person in flagged]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Keys hold only strings and tuples, so they cannot form cycles, but the
    cyclic collector would rescan the growing list of them over and over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _org_keys(unique: list[str]) -> dict[str, NameKey | None]:
    """ASCII names (most of any register) go through the C and Rust steps a batch
    at a time, as one string: a fifth faster than name by name."""
    ascii_names = [name for name in unique if name.isascii()]
    keys: dict[str, NameKey | None] = {}
    for start in range(0, len(ascii_names), BATCH):
        batch = ascii_names[start:start + BATCH]
        texts = _fold_ascii_many(batch)
        keys.update(zip(batch, map(_ascii_org_key, texts, _remove_org_types_many(texts)),
                        strict=True))
    keys.update((name, _build_key(name, False)) for name in unique if not name.isascii())
    return keys


@lru_cache(maxsize=1 << 16)
def _cached_key(name: str, person: bool) -> NameKey | None:
    return _build_key(name, person)


def _build_key(name: str, person: bool) -> NameKey | None:
    if person:
        name = remove_person_prefixes(name)
    text = _fold_ascii(name) if name.isascii() else normalize(name, NAME_FLAGS)
    if not text:
        return None
    if text.isascii():
        if person:
            return _key(text.split(), (), (), "latin")
        return _ascii_org_key(text, _remove_org_types(text))
    script = _dominant_script(name)
    return _key(*_pieces(text, person, script), script)


def _ascii_org_key(text: str, without_forms: str) -> NameKey | None:
    rest, forms = _split_forms(text, without_forms)
    core, more = _core_tokens(rest)
    return _key(core, forms + more if more else forms, (), "latin")


# Words that belong to the legal form that follows them: rigour reads "Private
# Limited" as the word "private" and the form "ltd"; it is Singapore's "Pte. Ltd.".
FORM_LEAD_INS = {"private": "pte"}
# Long legal forms a name ends with, recognised with one typo ("Limmited",
# "LIMIYED"): a misspelt form must not count as a distinctive word.
TYPO_FORMS = {"limited": "ltd", "company": "co", "corporation": "corp", "incorporated": "inc"}


def _misspelt_form(token: str) -> str | None:
    """The legal form ``token`` misspells by one edit (swaps included), if any."""
    if token in TYPO_FORMS:
        return None  # spelled right, so the CSV or rigour chose to keep it
    for form, canonical in TYPO_FORMS.items():
        if abs(len(form) - len(token)) <= 1 and OSA.distance(token, form, score_cutoff=1) <= 1:
            return canonical
    return None


def _key(core: list[str], forms: Sequence[str], pairs: Sequence[str], script: str
         ) -> NameKey | None:
    if len(core) > 1 and len(core[-1]) >= 6 and (form := _misspelt_form(core[-1])):
        core.pop()
        forms = (*forms, form)
    if forms and len(core) > 1 and core[-1] in FORM_LEAD_INS:
        forms = (*forms, FORM_LEAD_INS[core.pop()])
    if not core:
        return None
    ordered = sorted(core)
    tokens = tuple(dict.fromkeys(ordered))
    # NameKey(...) slot by slot: the frozen dataclass's __init__ goes through
    # object.__setattr__ for each field, at twice the cost, a sixth of a name's.
    set_core, set_compact, set_tokens, set_forms, set_block_tokens, set_script = _SLOT_SETTERS
    key = object.__new__(NameKey)
    set_core(key, " ".join(ordered))
    set_compact(key, "".join(core))
    set_tokens(key, tokens)
    set_forms(key, tuple(sorted(set(forms))) if len(forms) > 1 else tuple(forms))
    set_block_tokens(key, tuple(sorted(set(tokens).union(pairs))) if pairs else tokens)
    set_script(key, script)
    return key


def _fold_ascii(text: str) -> str:
    """rigour's NAME normalisation of an ASCII text, as byte translations in C
    (a third of the time; a test checks it equals rigour's)."""
    table_, deleted = _ascii_tables()
    return " ".join(text.encode("ascii").translate(table_, deleted).decode("ascii").split())


def _fold_ascii_many(names: list[str]) -> list[str]:
    table_, deleted = _ascii_tables()  # "\n" stays "\n": it separates the names
    folded = "\n".join(names).encode("ascii").translate(table_, deleted).decode("ascii")
    parts = folded.split("\n")
    if len(parts) != len(names):  # a name with a line break of its own
        return [_fold_ascii(name) for name in names]
    return [" ".join(part.split()) for part in parts]


@cache
def _ascii_tables() -> tuple[bytes, bytes]:
    """What rigour's tokenizer does with each ASCII character: keep, split or drop."""
    split: list[str] = []
    deleted: list[str] = []
    for char in map(chr, range(128)):
        if not char.isalnum() and char != "\n":
            (deleted if tokenize_name(f"a{char}b") == ["ab"] else split).append(char)
    upper = "".join(map(chr, range(65, 91)))
    table_ = bytes.maketrans(f"{upper}{''.join(split)}".encode(),
                             f"{upper.lower()}{' ' * len(split)}".encode())
    return table_, "".join(deleted).encode()


def _remove_org_types(text: str) -> str:
    return remove_org_types_rs(text, NAME_FLAGS_INT, NO_CLEANUP, " ")


def _remove_org_types_many(texts: list[str]) -> list[str]:
    """One pass of rigour's automaton over the batch; a form never spans a line
    break, as rigour's aliases contain none."""
    parts = _remove_org_types("\n".join(texts)).split("\n")
    return parts if len(parts) == len(texts) else [_remove_org_types(t) for t in texts]


def _pieces(text: str, person: bool, script: str) -> tuple[list[str], list[str], list[str]]:
    """Han runs and the text between them, in reading order."""
    core: list[str] = []
    forms: list[str] = []
    pairs: list[str] = []
    for i, piece in enumerate(HAN_RUN.split(text)):
        if i % 2:
            _han_run(piece, person, core, forms, pairs)
        elif person:
            core.extend(_ascii(piece).split())
        elif piece.strip():
            rest, piece_forms = _split_forms(piece, _remove_org_types(piece))
            if not rest.isascii():
                rest = _ascii(rest)
                # A form in another script that rigour knows only in Latin (a Greek
                # A.E. -> "ae"); accented Latin is not re-read: "S.à r.l." would lose "sa".
                if script not in ("latin", "han"):
                    rest, more = _split_forms(rest, _remove_org_types(rest))
                    piece_forms += more
            piece_core, more = _core_tokens(rest)
            core.extend(piece_core)
            forms.extend(piece_forms + more)
    return core, forms, pairs


def _ascii(text: str) -> str:
    """ASCII, in rigour's spellings: Latin letters through a table of them, words in
    other scripts one by one, cached (rigour takes ~0.2 ms for a string it has not seen)."""
    if not text.isascii():
        text = text.translate(_latin_table())
        if not text.isascii():
            text = " ".join(map(_ascii_word, text.split()))
    return _fold_ascii(text)


_ascii_word = lru_cache(maxsize=1 << 18)(ascii_text)


@cache
def _latin_table() -> dict[int, str]:
    """rigour's ASCII for each accented or special Latin letter (é -> e, ø -> o, æ -> ae)."""
    letters = map(chr, chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)))
    return {ord(letter): out for letter in letters if (out := maybe_ascii(letter)).isascii()}


def _split_forms(text: str, without_forms: str) -> tuple[str, tuple[str, ...]]:
    """The text without rigour's legal forms, and those forms."""
    if without_forms == text:
        return text, ()
    head = without_forms.rstrip()
    if text.startswith(head):
        # The forms end the name (nearly always): few distinct endings, so cached.
        return head, _ending_forms(text[len(head):].strip())
    return without_forms, _forms_in(text)


def _forms_in(text: str) -> tuple[str, ...]:
    found = extract_org_types(text, NAME_FLAGS)
    if any(not target for _, target in found):
        # rigour's compare form of a few (a "state enterprise") is empty: use the generic one.
        generic = extract_org_types(text, NAME_FLAGS, generic=True)
        found = [(m, t or g) for (m, t), (_, g) in zip(found, generic, strict=True)]
    words = _table().words
    forms: list[str] = []
    for _, target in found:
        for token in (target if target.isascii() else ascii_text(target)).split():
            entry = words.get(token)
            forms.extend(entry.canonical if entry and entry.legal_form else (token,))
    return tuple(forms)


_ending_forms = lru_cache(maxsize=4096)(_forms_in)


def _core_tokens(text: str) -> tuple[list[str], tuple[str, ...]]:
    """Abbreviations to their canonical token; the legal forms the CSV knows, apart."""
    tokens = text.split()
    words = _table()
    if len(tokens) > 1 and tokens[0] in words.articles:
        del tokens[0]
    if words.special.isdisjoint(tokens):  # only one-for-one abbreviations, if any
        return [words.one_for_one.get(token, token) for token in tokens], ()
    core: list[str] = []
    forms: list[str] = []
    i = 0
    while i < len(tokens):
        entry, width = _entry_at(tokens, i, words)
        if entry is None:
            core.append(tokens[i])
        else:
            (forms if entry.legal_form else core).extend(entry.canonical)
        i += width
    return core, tuple(forms)


def _entry_at(tokens: list[str], start: int, words: _Table) -> tuple[_Entry | None, int]:
    if tokens[start] in words.phrase_starts:
        for width in range(min(words.longest_phrase, len(tokens) - start), 1, -1):
            entry = words.phrases.get(tuple(tokens[start:start + width]))
            if entry is not None:
                return entry, width
    return words.words.get(tokens[start]), 1


def _han_run(run: str, person: bool, core: list[str], forms: list[str], pairs: list[str]) -> None:
    """An organisation's Han dictionary words, and the rest (all of a person's) as pinyin."""
    if person:
        _pinyin(run, core, pairs)
        return
    words = _table()
    pending_from = i = 0
    while i < len(run):
        word = _han_word_at(run, i, words)
        if word is None:
            i += 1
            continue
        _pinyin(run[pending_from:i], core, pairs)
        (forms if words.han[word].legal_form else core).extend(words.han[word].canonical)
        i = pending_from = i + len(word)
    _pinyin(run[pending_from:], core, pairs)


def _han_word_at(run: str, start: int, words: _Table) -> str | None:
    for width in range(min(words.longest_han, len(run) - start), 1, -1):
        if run[start:start + width] in words.han:
            return run[start:start + width]
    return None


def _pinyin(run: str, core: list[str], pairs: list[str]) -> None:
    if run:
        token, run_pairs = _run_pinyin(run)
        if token:
            core.append(token)
            pairs.extend(run_pairs)


@lru_cache(maxsize=1 << 16)
def _run_pinyin(run: str) -> tuple[str, tuple[str, ...]]:
    """One token per run (``腾龙`` -> ``tenglong``), syllable pairs for blocking."""
    # Characters pypinyin does not know come back unchanged: ASCII them anyway.
    syllables = [s for s in (_ascii(s).replace(" ", "") for s in lazy_pinyin(run)) if s]
    return "".join(syllables), tuple(a + b for a, b in pairwise(syllables))


def _dominant_script(name: str) -> str:
    if name.translate(_latin_table()).isascii():  # ASCII and accented Latin, in C
        return "latin"
    counts: dict[str, int] = {}
    for char, count in Counter(name).items():
        if char.isalpha():
            script = SCRIPTS.get(codepoint_script(ord(char)) or "", "other")
            counts[script] = counts.get(script, 0) + count
    if not counts:
        return "latin"
    return min(counts, key=lambda script: (-counts[script], script))


@cache
def _table() -> _Table:
    """``data/reference/name_forms.csv``, read once."""
    words: dict[str, _Entry] = {}
    phrases: dict[tuple[str, ...], _Entry] = {}
    han: dict[str, _Entry] = {}
    with FORMS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] not in KINDS or row["script"] not in ("latin", "han"):
                raise ValueError(f"{FORMS_CSV.name}: unknown kind or script in {row}")
            entry = _Entry(row["kind"] == "legal_form", tuple(row["canonical"].split()))
            # Spelled in the CSV as people write them, matched as names are normalised.
            form = tuple((normalize(row["form"], NAME_FLAGS) or "").split())
            if row["script"] == "han":
                han["".join(form)] = entry
            elif len(form) == 1:
                words[form[0]] = entry
            else:
                phrases[form] = entry
    one_for_one = {word: entry.canonical[0] for word, entry in words.items()
                   if not entry.legal_form and len(entry.canonical) == 1}
    starts = frozenset(phrase[0] for phrase in phrases)
    return _Table(
        words=words, phrases=phrases, phrase_starts=starts,
        longest_phrase=max(map(len, phrases), default=1),
        han=han, longest_han=max(map(len, han), default=1),
        one_for_one=one_for_one, special=starts.union(words).difference(one_for_one),
        articles=frozenset(word.casefold() for word in org_name_prefixes_list()),
    )
