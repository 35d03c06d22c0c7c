"""The run configuration: strict, and portable across data directories."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pipelines.lib.config import ConfigError, load_config
from pipelines.lib.publish import PublishRefused
from pipelines.lib.publish_stage import check_freshness
from pipelines.lib.stages import RunContext
from pipelines.sources.registry import BY_ID

REPO = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "run.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_config_expands_the_data_dir(tmp_path: Path) -> None:
    config = load_config(REPO / "config" / "demo.yaml", tmp_path, set(BY_ID))
    assert config.sources["us_ofac_sdn"].url == f"{tmp_path}/demo/ofac/"
    assert config.policies == (
        "listed", "cn_control", "ofac_50", "bis_affiliates", "eu_50", "uk_50"
    )
    assert config.policy_file == REPO / "config" / "policies.yaml"


def test_production_config_names_every_source_by_its_official_url() -> None:
    config = load_config(REPO / "config" / "production.yaml", Path("data"), set(BY_ID))
    # A source left out is another format of a configured one (OFAC's CSV sets, OFSI's CSV).
    formats = {sid: BY_ID[sid].spec.same_records_as for sid in BY_ID}
    twins = {sid for sid, twin in formats.items() if twin in config.sources}
    twins |= {twin for sid, twin in formats.items() if sid in config.sources and twin}
    assert set(config.sources) | twins == set(BY_ID)
    assert not set(config.sources) & {formats[sid] for sid in config.sources}
    assert all(s.url.startswith("https://") for s in config.sources.values())


@pytest.mark.parametrize(
    "text, message",
    [
        ("sources:\n  us_ofac_sdx: {url: x}\npolicies: [listed]\n", "unknown source id"),
        ("sources:\n  us_ofac_sdn: {url: x, urll: y}\npolicies: [listed]\n", "unknown key"),
        ("sources:\n  us_ofac_sdn: {path: x}\npolicies: [listed]\n", "with a 'url'"),
        ("sources: {}\npolicies: []\n", "non-empty list"),
        ("sources: {}\npolicies: [listed]\npublsh: {}\n", "unknown key"),
    ],
)
def test_mistakes_are_errors_that_say_where(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(_write(tmp_path, text), tmp_path, set(BY_ID))


def _context(tmp_path: Path, checked_hours_ago: float | None) -> RunContext:
    path = _write(tmp_path, "sources:\n  us_ofac_sdn: {url: x, max_age_hours: 24}\n"
                            "policies: [listed]\n")
    ctx = RunContext(tmp_path, load_config(path, tmp_path, set(BY_ID)), date(2026, 11, 20))
    if checked_hours_ago is not None:
        folder = tmp_path / "raw" / "us_ofac_sdn"
        folder.mkdir(parents=True)
        at = datetime.now(UTC) - timedelta(hours=checked_hours_ago)
        (folder / "CHECKED").write_text(json.dumps({"snapshot_id": "s", "checked_at":
                                                    at.isoformat()}))
    return ctx


def test_a_source_confirmed_recently_is_fresh(tmp_path: Path) -> None:
    check_freshness(_context(tmp_path, checked_hours_ago=2))


def test_a_stale_source_refuses_to_publish(tmp_path: Path) -> None:
    with pytest.raises(PublishRefused, match=r"us_ofac_sdn: last confirmed current 30\.0 hours"):
        check_freshness(_context(tmp_path, checked_hours_ago=30))


def test_a_never_fetched_source_has_no_known_age(tmp_path: Path) -> None:
    with pytest.raises(PublishRefused, match="never fetched"):
        check_freshness(_context(tmp_path, checked_hours_ago=None))


def test_two_formats_of_the_same_list_cannot_both_be_configured(tmp_path: Path) -> None:
    text = ("sources:\n  us_ofac_sdn: {url: x}\n  us_ofac_sdn_xml: {url: y}\n"
            "policies: [listed]\n")
    with pytest.raises(ConfigError, match="us_ofac_sdn and us_ofac_sdn_xml are two formats"):
        RunContext.create(_write(tmp_path, text), tmp_path, None)
