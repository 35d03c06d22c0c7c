"""A policy is YAML, not code: a new one runs as written, and every mistake in
one is an error naming the policy and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.lib.policy import determine_all
from pipelines.lib.policy_config import PolicyError, load_policies
from tests.lib.policy_graph import Graph, Link, Listing, Node, build, statuses

CUSTOM = """
ru_25:
  description: Parties on the EU or UK lists or headquartered in Russia, and what they hold
    25% or more of; board rights count, influence is a caution; not in Germany.
  roots:
    lists: [eu_fsf]
    list_programs: {us_ofac_sdn: [RUSSIA-EO14024]}
    headquarters_countries: [RU]
    kinds: [company]
    natural_persons: false
  ownership: {threshold: 25, comparison: ">=", aggregate: false, bases: [shares],
              joint_arrangements: [[x, y]]}
  control: {definite: [board_appointment]}
  caution: {minority_stake: 10, control: [significant_influence]}
  subjects: {exclude_jurisdictions: [DE]}
  effective: [{from: 2026-01-01}]
"""


def test_a_policy_written_in_yaml_runs(tmp_path: Path) -> None:
    path = tmp_path / "policies.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    (policy,) = load_policies(path, ("ru_25",))
    links = [Link("x", "a", 15, 15), Link("y", "a", 15, 15),  # joint arrangement: 30%
             Link("ru", "b", 25, 25), Link("ru", "de", 90, 90), Link("ru", "c", 10, 10),
             Link("ru", "d", basis="significant_influence"), Link("p", "e", 60, 60),
             Link("sdn", "f", basis="board_appointment"), Link("other", "g", 90, 90)]
    graph = Graph(links, [Listing("x", "eu_fsf", None), Listing("y", "eu_fsf", None),
                          Listing("p", "eu_fsf", None),
                          Listing("sdn", "us_ofac_sdn", "RUSSIA-EO14024"),
                          Listing("other", "us_ofac_sdn", "SDGT")],
                  {"ru": Node(hq_country="RU"), "p": Node(kind="person"),
                   "de": Node(jurisdiction="DE")})
    con = build(tmp_path / "w.duckdb", graph)
    determine_all(con, [policy], date(2026, 11, 20))
    assert statuses(con, "ru_25") == {
        "x": "definite", "y": "definite", "a": "definite", "ru": "definite",
        "b": "definite", "sdn": "definite", "f": "definite"}
    cautions = con.execute("select entity_id, caution from policy.cautions order by all"
                           ).fetchall()
    assert cautions == [("c", "minority_stake"), ("d", "control")]
    determine_all(con, [policy], date(2025, 12, 31))
    assert set(statuses(con, "ru_25")) == {"x", "y", "ru", "sdn"}


@pytest.mark.parametrize("text, message", [
    ("p: {roots: {lists: [eu_fsf]}, owner: {}}", "p: unknown key(s) ['owner']"),
    ("p: {roots: {lists: [nope]}}", "p.roots: unknown list code 'nope'"),
    ("p: {roots: {lists: [eu_fsf]}, control: {definite: [vibes]}}",
     "p: unknown relationship basis 'vibes'"),
    ("p: {roots: {lists: [eu_fsf]}, ownership: {threshold: 50, comparison: '=>'}}",
     "p.ownership.comparison: '=>' is not > or >="),
    ("p: {roots: {lists: [eu_fsf]}, ownership: {threshold: 150}}",
     "p.ownership.threshold: 150 is not in (0, 100]"),
    ("p: {roots: {lists: [eu_fsf]}, effective: [{from: 2026-02-01, until: 2026-01-01}]}",
     "p.effective[0]: 'until' 2026-01-01 is not after 2026-02-01"),
    ("p: {roots: {lists: [eu_fsf], natural_persons: maybe}}",
     "p.roots.natural_persons: 'maybe' is not true or false"),
    ("p: {roots: {kinds: [company]}}", "p: a policy needs roots"),
])
def test_mistakes_name_the_policy_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "policies.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load_policies(path, ("p",))
    assert message in str(error.value)


def test_the_shipped_policies_all_load() -> None:
    path = Path(__file__).resolve().parents[2] / "config" / "policies.yaml"
    names = ("listed", "cn_control", "ofac_50", "bis_affiliates", "eu_50", "uk_50")
    assert [p.id for p in load_policies(path, names)] == list(names)
