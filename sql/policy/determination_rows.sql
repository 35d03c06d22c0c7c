-- The rows one policy run adds to policy.determinations.
with caught as (
    select * from caught
),

risk as (
    select * from risk
),

look_through as (
    select * from look_through
),

final as (
    select
        $policy as policy,
        c.entity_id,
        c.status,
        c.basis,
        c.depth,
        c.stake_lo,
        c.stake_hi,
        coalesce(r.risk_sources, [c.entity_id]) as risk_sources,
        c.via_owner,
        c.via_relationship,
        c.detail,
        round(if(l.lo is null, null, least(l.lo, 100)), 4) as look_through_lo,
        round(if(l.hi is null, null, least(l.hi, 100)), 4) as look_through_hi,
        $as_of as as_of
    from caught as c
    left join risk as r on r.entity_id = c.entity_id
    left join look_through as l on l.entity_id = c.entity_id
)

select * from final
