-- An entity's determinations, policy by policy, with its roots' names.
with runs as (
    select * from policy.runs
),

determinations as (
    select * from policy.determinations
),

nodes as (
    select * from graph.nodes
),

roots as (
    select d.policy, unnest(d.risk_sources) as root_id
    from determinations as d
    where d.entity_id = $entity
),

root_names as (
    select r.policy, list(coalesce(n.name, r.root_id) || ' (' || r.root_id || ')'
        order by r.root_id) as risk_source_names
    from roots as r
    left join nodes as n on n.node_id = r.root_id
    group by r.policy
),

final as (
    select
        r.policy,
        r.as_of,
        r.derivations_in_force,
        d.status,
        d.basis,
        d.depth,
        d.stake_lo,
        d.stake_hi,
        d.look_through_lo,
        d.look_through_hi,
        d.detail,
        n.risk_source_names
    from runs as r
    left join determinations as d on d.policy = r.policy and d.entity_id = $entity
    left join root_names as n on n.policy = r.policy
)

select * from final
order by policy
