"""How registers and lists spell a company they did not register: realistic name variants.

A corporate PSC is typed by hand at Companies House; a sanctions list writes a
company its own way. ``spell(name, rng)`` applies one or two of the differences
seen between such a mention and the company's own register record, and says
which (``Spelling.ops``); ``variant`` returns the text alone:

- ``typo``: one character swapped, dropped, doubled or hit on a neighbouring key;
- ``legal_form``: another rendering of the same form (Limited / Ltd / Ltd.,
  Co., Ltd. / Company Limited, GmbH / G.m.b.H. ...) or none at all;
- ``abbreviation``: International -> Intl, Group -> Grp, Technology -> Tech,
  Holdings -> Hldgs, Company -> Co, Communications -> Comm ...;
- ``word_order``: "Tenglong Technology (Shenzhen)" <-> "Shenzhen Tenglong Technology";
- ``case`` and ``punctuation``: upper case (the PSC register's habit), no dots
  or commas, "&" for "and", brackets dropped;
- ``hanzi``: the legal name in Chinese script, where the world has one;
- ``pinyin``: GLEIF's auto-transliteration style, upper-case pinyin one word
  per part ("SHENZHENSHI TENGLONG KEJI YOUXIAN GONGSI"); pypinyin transliterates
  a Hanzi name the world gives no pinyin for.

Every variant differs from the name it spells and keeps its distinctive words
recognisable (at most one typo in one word).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from pipelines.lib.demo import names

# Renderings of one legal form, each group read as equivalent. Longer suffixes
# are tried first ("Co., Ltd." before "Ltd.").
FORM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Co., Ltd.", "Co. Ltd", "Co Ltd", "Company Limited", "Co., Limited"),
    ("Group Co., Ltd.", "Group Company Limited", "Group Co Ltd"),
    ("Pte. Ltd.", "Pte Ltd", "Private Limited"),
    ("Sdn. Bhd.", "Sdn Bhd"),
    ("Limited", "Ltd", "Ltd."),
    ("Inc.", "Inc", "Incorporated"),
    ("Corp.", "Corp", "Corporation"),
    ("LLC", "L.L.C.", "Limited Liability Company"),
    ("PLC", "Plc", "Public Limited Company"),
    ("GmbH", "G.m.b.H.", "Gesellschaft mit beschränkter Haftung"),
    ("AG", "A.G.", "Aktiengesellschaft"),
    ("B.V.", "BV", "Besloten Vennootschap"),
    ("S.A.", "SA"),
    ("SAS", "S.A.S."),
    ("K.K.", "KK", "Kabushiki Kaisha"),
    ("Ltda.", "Ltda", "Limitada"),
    ("DAC", "D.A.C.", "Designated Activity Company"),
)
_FORMS = sorted(((" " + form.casefold(), group) for group in FORM_GROUPS for form in group),
                key=lambda item: -len(item[0]))
ABBREVIATIONS = {
    "International": "Intl", "Group": "Grp", "Technology": "Tech", "Technologies": "Tech",
    "Holdings": "Hldgs", "Company": "Co", "Communications": "Comm", "Corporation": "Corp",
    "Engineering": "Eng", "Services": "Svcs", "Industries": "Inds", "Systems": "Sys",
    "Pharmaceuticals": "Pharma", "Manufacturing": "Mfg", "Management": "Mgmt",
}
# A key a typist hits instead of the intended one: its right-hand QWERTY neighbour.
NEIGHBOURS = {row[i]: (row + row[-2])[i + 1]
              for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for i in range(len(row))}
# Words of Chinese names, so a name the world gives no pinyin for is split as
# GLEIF splits it ("SHENZHENSHI ... YOUXIAN GONGSI"); other runs go two by two.
_HANZI_WORDS = tuple(sorted(
    {*names.CITY_PARTS, *(p[0] for p in names.CITY_PARTS.values()), "新加坡", "香港",
     "股份", "有限", "公司", "集团", "控股", "私人", "智能",
     *(ind[0][i:i + 2] for ind in names.INDUSTRIES for i in range(0, len(ind[0]), 2))},
    key=lambda w: -len(w)))
_BRACKETS = "()\uff08\uff09 "  # ASCII and full-width brackets, and the space
_PARENS = re.compile(r"\s*\(([^()]+)\)")


@dataclass(frozen=True)
class Spelling:
    text: str
    ops: tuple[str, ...]  # the operations applied, in order


def legal_form(name: str) -> tuple[str, tuple[str, ...]] | None:
    """(the name without its legal form, the form's group), or None."""
    folded = name.casefold()
    for form, group in _FORMS:
        if folded.endswith(form):
            return name[: -len(form)], group
    return None


def swap_form(name: str, rng: random.Random) -> str:
    """Another rendering of the legal form; one time in five, none at all."""
    found = legal_form(name)
    if found is None:
        return name
    stem, group = found
    current = name[len(stem) + 1:]
    others = [f for f in group if f.casefold() != current.casefold()]
    if not others or rng.random() < 0.2:
        return stem.rstrip(" ,")
    return f"{stem} {rng.choice(others)}"


def abbreviate(name: str, rng: random.Random) -> str:
    words = name.split(" ")
    dot = "." if rng.random() < 0.3 else ""
    return " ".join(ABBREVIATIONS[w] + dot if w in ABBREVIATIONS else w for w in words)


def typo(name: str, rng: random.Random) -> str:
    """One slip in one longer word, never its first letter."""
    words = name.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long_words:
        return name
    i = rng.choice(long_words)
    words[i] = _slip(words[i], rng)
    return " ".join(words)


def _slip(word: str, rng: random.Random) -> str:
    j = rng.randrange(1, len(word) - 1)
    slip = rng.choice(("swap", "drop", "double", "neighbour"))
    swapped = names.typo(word, rng) if slip == "swap" else word
    if swapped != word:
        return swapped
    if slip in ("swap", "drop"):
        return word[:j] + word[j + 1:]
    if slip == "double":
        return word[:j] + word[j] + word[j:]
    near = NEIGHBOURS.get(word[j].lower(), "e")
    return word[:j] + (near.upper() if word[j].isupper() else near) + word[j + 1:]


def punctuation(name: str, rng: random.Random) -> str:
    text = name.replace(" & ", " and ") if " & " in name else name.replace(" and ", " & ")
    if rng.random() < 0.5 or text == name:
        text = _PARENS.sub(lambda m: " " + m.group(1), text)
        text = text.replace(".", "").replace(",", "")
    return " ".join(text.split())


def place_first(name: str) -> str:
    """"Tenglong Technology (Shenzhen) Co., Ltd." -> "Shenzhen Tenglong Technology Co., Ltd."."""
    match = _PARENS.search(name)
    if not match:
        return name
    return f"{match.group(1)} {name[: match.start()]}{name[match.end():]}"


def place_last(name: str, places: tuple[str, ...]) -> str:
    """"Shenzhen Tenglong Technology Co., Ltd." -> "Tenglong Technology (Shenzhen) Co., Ltd."."""
    first, _, rest = name.partition(" ")
    if not rest or first.casefold() not in (p.casefold() for p in places):
        return name
    found = legal_form(rest)
    if found is None:
        return f"{rest} ({first})"
    stem, _ = found
    return f"{stem} ({first}){rest[len(stem):]}"


def word_order(name: str, places: tuple[str, ...]) -> str:
    moved = place_first(name)
    return moved if moved != name else place_last(name, places)


def transliterate(hanzi: str) -> str:
    """GLEIF-style pinyin of a Chinese name: upper case, a word per part (pypinyin)."""
    # Imported here: loading its dictionaries takes half a second, and the demo
    # only transliterates when a name comes without the world's own pinyin.
    from pypinyin import lazy_pinyin

    words: list[str] = []
    rest = hanzi
    while rest:
        if rest[0] in _BRACKETS:
            rest = rest[1:]
            continue
        run = re.split(f"[{re.escape(_BRACKETS)}]", rest, maxsplit=1)[0]
        word = next((w for w in _HANZI_WORDS if run.startswith(w)), run[:2])
        words.append("".join(lazy_pinyin(word)).upper())
        rest = rest[len(word):]
    return " ".join(words)


PLACES = tuple(sorted({*names.COUNTRY_TAGS.values(), *(p[2] for p in names.CITY_PARTS.values()),
                       "Singapore", "Malaysia", "Europe", "Asia"}))


def _apply(op: str, name: str, rng: random.Random, hanzi: str | None, pinyin: str | None) -> str:
    if op == "typo":
        return typo(name, rng)
    if op == "legal_form":
        return swap_form(name, rng)
    if op == "abbreviation":
        return abbreviate(name, rng)
    if op == "word_order":
        return word_order(name, PLACES)
    if op == "punctuation":
        return punctuation(name, rng)
    if op == "hanzi":
        return hanzi or name
    if op == "pinyin":
        return pinyin or (transliterate(hanzi) if hanzi else name)
    return name.upper()  # case


def _choices(name: str, hanzi: str | None, pinyin: str | None) -> dict[str, int]:
    weights = {"typo": 20, "legal_form": 20, "punctuation": 10, "case": 12}
    if any(w in ABBREVIATIONS for w in name.split(" ")):
        weights["abbreviation"] = 18
    if word_order(name, PLACES) != name:
        weights["word_order"] = 12
    if hanzi:
        weights["hanzi"] = 10
    if pinyin:  # only where the register itself carries one (GLEIF, for mainland names)
        weights["pinyin"] = 6
    return weights


def spell(name: str, rng: random.Random, *, hanzi: str | None = None,
          pinyin: str | None = None, ops: tuple[str, ...] | None = None) -> Spelling:
    """A spelling of ``name`` that differs from it; ``ops`` forces the operations."""
    if ops is None:
        weights = _choices(name, hanzi, pinyin)
        first = rng.choices(tuple(weights), tuple(weights.values()))[0]
        ops = (first,)
        if first not in ("hanzi", "pinyin", "case") and rng.random() < 0.5:
            ops += ("case",)  # PSC names are often typed in capitals
    text = name
    for op in ops:
        text = _apply(op, text, rng, hanzi, pinyin)
    for fallback in ("case", "typo", "punctuation"):
        if text != name:
            break
        text, ops = _apply(fallback, text, rng, hanzi, pinyin), (*ops, fallback)
    return Spelling(text, ops)


def variant(name: str, rng: random.Random, *, hanzi: str | None = None,
            pinyin: str | None = None) -> str:
    """``spell(...)``'s text: how another register might write ``name``."""
    return spell(name, rng, hanzi=hanzi, pinyin=pinyin).text
