-- "Why is X restricted?": every determination's witness path, step by step,
-- from the entity (step 0) up to its root, each step with the relationship
-- that links it to the next node: basis, interval, dates and source record.
-- select * from policy.why_restricted where entity_id = '...' order by policy, step;
with determinations as (
    select * from policy.determinations
),

paths as (
    select * from policy.paths
),

nodes as (
    select * from graph.nodes
),

final as (
    select
        d.policy,
        d.entity_id,
        d.status,
        d.basis as determination_basis,
        d.detail as determination_detail,
        d.risk_sources,
        p.step,
        p.node_id,
        n.name as node_name,
        coalesce(n.jurisdiction, n.hq_country) as node_country,
        n.hq_country as node_hq_country,
        p.relationship_id,
        p.basis as relationship_basis,
        case
            when p.stake_lo is null and p.stake_hi is null then null
            when p.stake_lo = p.stake_hi then printf('%g%%', p.stake_lo)
            else (case when p.lo_inclusive then '[' else '(' end)
                || coalesce(printf('%g', p.stake_lo), '?') || ', '
                || coalesce(printf('%g', p.stake_hi), '?')
                || (case when p.hi_inclusive then ']' else ')' end) || '%'
        end as stake,
        p.start_date,
        p.end_date,
        p.source,
        p.source_record
    from determinations as d
    inner join paths as p on p.policy = d.policy and p.entity_id = d.entity_id
    left join nodes as n on n.node_id = p.node_id
)

select * from final
