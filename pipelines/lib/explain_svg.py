"""``ownergraph explain --svg``: the ownership and control paths behind an
entity's determinations as a Graphviz drawing, holders above what they hold
(roots at the top). Each edge carries its basis,
interval and source; roots are filled red and the entity is drawn bold."""

from __future__ import annotations

import itertools
from pathlib import Path

import graphviz

from pipelines.lib.explain import Explanation
from pipelines.lib.explain_text import interval


def drawing(explanation: Explanation) -> graphviz.Digraph:
    graph = graphviz.Digraph("explain", graph_attr={"rankdir": "TB", "fontname": "Helvetica"},
                             node_attr={"shape": "box", "style": "rounded", "fontname": "Helvetica"},
                             edge_attr={"fontname": "Helvetica", "fontsize": "10"})
    roots, names, edges = _collect(explanation)
    for node_id in sorted(names):
        graph.node(node_id, _label(names[node_id], node_id, roots.get(node_id)),
                   **_style(node_id, explanation.node.node_id, roots))
    for (owner, subject), label in sorted(edges.items()):
        graph.edge(owner, subject, label=label)
    return graph


def _collect(explanation: Explanation
             ) -> tuple[dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    roots: dict[str, str] = {}
    names = {explanation.node.node_id: explanation.node.name}
    edges: dict[tuple[str, str], str] = {}
    for facts in explanation.policies:
        steps = facts.path
        for step, above in itertools.pairwise(steps):
            label = f"{step['relationship_basis']} {step['stake'] or ''}".strip()
            edges[(above["node_id"], step["node_id"])] = f"{label}\n{step['source']}"
        for step in steps:
            names[step["node_id"]] = step["node_name"] or step["node_id"]
        if steps:
            root = steps[-1]
            roots.setdefault(root["node_id"], facts.policy)
        for o in facts.owners:
            names.setdefault(o["owner_id"], o["owner_name"] or o["owner_id"])
            stake = interval(o["stake_lo"], o["stake_hi"], o["lo_inclusive"], o["hi_inclusive"])
            shown = f" {stake}" if o["basis"] in ("shares", "votes") else ""
            edges.setdefault((o["owner_id"], explanation.node.node_id),
                             f"{o['basis']}{shown}\n{o['source']}")
    return roots, names, edges


def _label(name: str, node_id: str, root_of: str | None) -> str:
    suffix = f"\nroot ({root_of})" if root_of else ""
    return f"{name}\n{node_id}{suffix}"


def _style(node_id: str, entity: str, roots: dict[str, str]) -> dict[str, str]:
    if node_id in roots:
        return {"style": "rounded,filled", "fillcolor": "#f4b6b6"}
    if node_id == entity:
        return {"style": "rounded,bold", "penwidth": "2"}
    return {}


def write_svg(explanation: Explanation, path: Path) -> Path:
    svg = drawing(explanation).pipe(format="svg")
    path.write_bytes(svg)
    return path
