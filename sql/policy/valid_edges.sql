-- Edges in force on the as-of date: active, started, not ended. Ceased PSCs,
-- INACTIVE GLEIF relationships and expired periods stop counting (POLICY_RULES §1.4).
select *
from graph.edges
where status = 'active'
    and (start_date is null or start_date <= $as_of)
    and (end_date is null or end_date > $as_of)
