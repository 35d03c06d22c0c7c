-- The rows one policy run adds to policy.paths: each witness step with the
-- facts of its relationship (basis, interval, dates, source record).
with witness as (
    select * from witness
),

edges as (
    select distinct on (relationship_id) *
    from graph.edges
    where relationship_id in (select relationship_id from witness)
),

final as (
    select
        $policy as policy,
        w.entity_id,
        w.step,
        w.node_id,
        w.relationship_id,
        e.basis,
        e.stake_lo,
        e.stake_hi,
        e.lo_inclusive,
        e.hi_inclusive,
        e.start_date,
        e.end_date,
        e.source,
        e.source_record
    from witness as w
    left join edges as e on e.relationship_id = w.relationship_id
)

select * from final
