-- The largest groups on the denylist: the roots that reach the most entities
-- through ownership or control, per policy (the roots themselves not counted).
with determinations as (
    select * from policy.determinations
),

nodes as (
    select * from graph.nodes
),

reached as (
    select policy, unnest(risk_sources) as root, entity_id
    from determinations
    where depth > 0
),

final as (
    select
        r.policy,
        r.root,
        n.name,
        count(distinct r.entity_id) as entities_reached
    from reached as r
    left join nodes as n on n.node_id = r.root
    group by r.policy, r.root, n.name
)

select * from final
order by entities_reached desc, policy, root
limit $top
