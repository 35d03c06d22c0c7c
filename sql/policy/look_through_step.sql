-- One step of multiplicative look-through ownership, a metric for analysts
-- that is never used to clear anyone (POLICY_RULES §1.3): the share of each
-- entity that roots own through chains, multiplying stakes along each chain
-- and summing over chains. `flow` holds the mass that reached each entity in
-- the previous step; roots keep their own 100% and pass nothing back to
-- themselves.
with flow as (
    select * from look_through_flow
),

caught as (
    select * from caught
),

holdings as (
    select * from look_through_holdings
),

final as (
    select
        h.subject_id as entity_id,
        sum(f.lo * h.lo / 100) as lo,
        sum(f.hi * h.hi / 100) as hi
    from flow as f
    inner join holdings as h on h.owner_id = f.entity_id
    where h.subject_id not in (select entity_id from caught where depth = 0)
    group by h.subject_id
    having sum(f.hi * h.hi / 100) > $look_through_floor
)

select * from final
