-- "What does root R reach?": every entity a root's stakes or control were
-- needed for, per policy (the root itself excluded).
-- select * from policy.root_reach where root_id = '...' order by policy, depth;
with determinations as (
    select * from policy.determinations
),

nodes as (
    select * from graph.nodes
),

reached as (
    select d.policy, unnest(d.risk_sources) as root_id, d.entity_id, d.status, d.basis, d.depth,
        d.stake_lo, d.stake_hi
    from determinations as d
    where d.depth > 0
),

final as (
    select
        r.policy,
        r.root_id,
        rn.name as root_name,
        r.entity_id,
        n.name,
        coalesce(n.jurisdiction, n.hq_country) as country,
        r.status,
        r.basis,
        r.depth,
        r.stake_lo,
        r.stake_hi
    from reached as r
    left join nodes as rn on rn.node_id = r.root_id
    left join nodes as n on n.node_id = r.entity_id
)

select * from final
