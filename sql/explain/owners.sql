-- Who holds what in an entity on the as-of date, and how each holder stands
-- under each policy that ran: what a determination (or its absence) rests on.
with edges as (
    select * from graph.edges
),

nodes as (
    select * from graph.nodes
),

runs as (
    select * from policy.runs
),

determinations as (
    select * from policy.determinations
),

in_force as (
    select *
    from edges
    where subject_id = $entity
        and status = 'active'
        and (start_date is null or start_date <= $as_of)
        and (end_date is null or end_date > $as_of)
),

final as (
    select
        r.policy,
        e.owner_id,
        n.name as owner_name,
        coalesce(d.status, 'clear') as owner_status,
        e.basis,
        e.direct_or_indirect,
        e.stake_lo,
        e.stake_hi,
        e.lo_inclusive,
        e.hi_inclusive,
        e.start_date,
        e.end_date,
        e.source,
        e.source_record
    from in_force as e
    cross join runs as r
    left join nodes as n on n.node_id = e.owner_id
    left join determinations as d on d.policy = r.policy and d.entity_id = e.owner_id
)

select * from final
order by policy, owner_status, owner_id, basis
