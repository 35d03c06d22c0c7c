-- Links in force on the as-of date, for every policy of a run: active,
-- started, not ended. Ceased PSCs, INACTIVE GLEIF relationships and expired
-- periods stop counting (POLICY_RULES §1.4). The ownership links of a company
-- flagged for a percentage deviation stop counting too
-- (sql/policy/data_quality.sql). Only the columns the engine needs.
with edges as (
    select * from graph.edges
),

flags as (
    select * from policy.data_quality
),

final as (
    select
        e.relationship_id,
        e.owner_id,
        e.subject_id,
        e.basis,
        e.direct_or_indirect,
        e.stake_lo,
        e.stake_hi,
        e.lo_inclusive,
        e.hi_inclusive
    from edges as e
    left join flags as f on f.entity_id = e.subject_id and f.basis = e.basis
    where e.status = 'active'
        and (e.start_date is null or e.start_date <= $as_of)
        and (e.end_date is null or e.end_date > $as_of)
        and f.entity_id is null
)

select * from final
