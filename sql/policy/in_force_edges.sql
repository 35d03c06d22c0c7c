-- Edges in force on the as-of date: active, started, not ended. Ceased PSCs,
-- INACTIVE GLEIF relationships and expired periods stop counting (POLICY_RULES
-- §1.4). The ownership links of a company flagged for a percentage deviation
-- stop counting too (sql/policy/data_quality.sql).
with edges as (
    select * from graph.edges
),

flags as (
    select * from policy.data_quality
),

final as (
    select e.*
    from edges as e
    where e.status = 'active'
        and (e.start_date is null or e.start_date <= $as_of)
        and (e.end_date is null or e.end_date > $as_of)
        and not exists (
            select 1 from flags as f
            where f.entity_id = e.subject_id and f.basis = e.basis
        )
)

select * from final
