"""``ownergraph explain`` as text: per policy, the answer, the path and its
facts, the stakes, the sources, and what would change the answer."""

from __future__ import annotations

from typing import Any

from pipelines.lib.explain import Explanation, PolicyFacts

CAUGHT = ("definite", "possible")


def interval(lo: float | None, hi: float | None, lo_inc: bool | None = True,
             hi_inc: bool | None = True) -> str:
    if lo is None and hi is None:
        return "?%"
    if lo == hi:
        return f"{lo:g}%"
    low = "?" if lo is None else f"{lo:g}"
    high = "?" if hi is None else f"{hi:g}"
    return f"{'[' if lo_inc else '('}{low}, {high}{']' if hi_inc else ')'}%"


def render(explanation: Explanation) -> str:
    node = explanation.node
    lines = [f"{node.name} ({node.node_id}), found by {node.how}"]
    for facts in explanation.policies:
        lines += ["", *_policy(facts)]
    return "\n".join(lines) + "\n"


def _policy(facts: PolicyFacts) -> list[str]:
    d = facts.determination
    verdict = f"{d['status'].upper()} ({d['basis']})" if d else "not restricted"
    lines = [f"{facts.policy}: {verdict} as of {facts.as_of}"]
    if not facts.in_force:
        lines.append("  derivations through ownership and control are not in force on this date")
    if d:
        lines += _determined(facts, d)
    lines += _holders(facts)
    lines += [f"  {kind}: {note}" for kind, note in facts.notes]
    lines += [f"  would change: {change}" for change in what_would_change(facts)]
    return lines


def _determined(facts: PolicyFacts, d: dict[str, Any]) -> list[str]:
    lines = [f"  why: {d['detail']}"] if d["detail"] else []
    if d["stake_lo"] is not None:
        lines.append(f"  restricted stake: {interval(d['stake_lo'], d['stake_hi'])}")
    if d["look_through_lo"] is not None:
        lines.append("  look-through ownership (multiplied along chains; never clears): "
                     + interval(d["look_through_lo"], d["look_through_hi"]))
    if d["risk_source_names"]:
        lines.append("  risk sources: " + "; ".join(d["risk_source_names"]))
    for step in facts.path:
        lines.append("  " + _step(step))
    return lines


def _step(step: dict[str, Any]) -> str:
    text = f"[{step['step']}] {step['node_name'] or step['node_id']} ({step['node_id']}"
    text += f", {step['node_country']})" if step["node_country"] else ")"
    if step["relationship_id"] is None:
        return text
    dates = f" from {step['start_date']}" if step["start_date"] else ""
    dates += f" until {step['end_date']}" if step["end_date"] else ""
    stake = f" {step['stake']}" if step["stake"] else ""
    return (f"{text} <-[{step['relationship_basis']}{stake}{dates}; {step['source']} "
            f"{step['source_record']}]-")


def _holders(facts: PolicyFacts) -> list[str]:
    lines = []
    for o in facts.owners:
        stake = interval(o["stake_lo"], o["stake_hi"], o["lo_inclusive"], o["hi_inclusive"])
        shown = f" {stake}" if o["basis"] in ("shares", "votes") else ""
        lines.append(f"  held by {o['owner_name'] or o['owner_id']} ({o['owner_status']}): "
                     f"{o['basis']}{shown}, {o['direct_or_indirect']}; {o['source']}")
    return lines


def restricted_holdings(facts: PolicyFacts) -> tuple[float, float]:
    """Restricted owners' holdings by the policy's rule (each holder once, largest
    bounds; the best basis), as a [lo, hi] pair of percentages."""
    bases = facts.rule.get("ownership_bases") or []
    best = (0.0, 0.0)
    for basis in bases:
        by_owner: dict[str, tuple[float, float]] = {}
        for o in facts.owners:
            if o["basis"] == basis and o["owner_status"] in CAUGHT:
                lo = (o["stake_lo"] or 0.0) if o["owner_status"] == "definite" else 0.0
                hi = 100.0 if o["stake_hi"] is None else o["stake_hi"]
                old = by_owner.get(o["owner_id"], (0.0, 0.0))
                by_owner[o["owner_id"]] = (max(old[0], lo), max(old[1], hi))
        pairs = list(by_owner.values()) or [(0.0, 0.0)]
        if facts.rule.get("aggregate"):
            total = (sum(p[0] for p in pairs), sum(p[1] for p in pairs))
        else:
            total = (max(p[0] for p in pairs), max(p[1] for p in pairs))
        best = max(best, total)
    return best


def what_would_change(facts: PolicyFacts) -> list[str]:
    d, rule = facts.determination, facts.rule
    test = f"{rule.get('comparison')} {rule.get('threshold') or 0:g}%"
    if d and d["depth"] == 0:
        return [f"restricted by itself ({d['detail']}); only a delisting or a change of "
                "headquarters would change that"]
    if d and d["basis"] == "possible_match":
        return ["an analyst's judgement of the possible match: positive restricts it for "
                "certain, negative clears it"]
    if d and d["basis"] == "ownership":
        return _ownership_change(d, test)
    if d:
        changes = [f"control evidence ({d['detail']}): if the controlling link ended or its "
                   "holder were no longer restricted, it would clear"]
        if d["status"] == "possible":
            changes.append("evidence of ownership or of control this policy counts as "
                           "definite would make it definite")
        return changes
    return _clear_change(facts, test)


def _ownership_change(d: dict[str, Any], test: str) -> list[str]:
    if d["status"] == "definite":
        return [f"restricted owners' lower bound {d['stake_lo']:g}% meets {test}; it would "
                f"clear if their holdings fell short of it (a sale, a delisting of "
                f"{len(d['risk_source_names'] or [])} risk source(s), a ceased link)"]
    return [f"only the upper bounds meet {test} ({interval(d['stake_lo'], d['stake_hi'])}): "
            "exact percentages would decide it, definite at or above the threshold, "
            "clear below it"]


def _clear_change(facts: PolicyFacts, test: str) -> list[str]:
    if not facts.rule.get("ownership_bases"):
        return ["this policy restricts only its roots"]
    lo, hi = restricted_holdings(facts)
    if hi == 0:
        return [f"no owner is restricted under this policy; an owner restricted under it "
                f"holding {test} would catch it"]
    return [f"restricted owners hold {interval(lo, hi)} (needs {test}); more held by "
            "restricted owners, or one more owner becoming restricted, would catch it"]
