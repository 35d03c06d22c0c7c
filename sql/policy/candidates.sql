-- One fixed-point step: entities whose status the caught set now improves.
-- Control: an edge of a counted control basis from a caught owner.
-- Ownership: stakes of caught owners in the subject, summed across owners
-- (or the largest single owner when the policy does not aggregate), tested
-- on lower bounds for `definite` and upper bounds for `possible`. A caught
-- intermediate transmits its whole stake (OFAC FAQ 401): no multiplication.
-- Open interval bounds are nudged by $epsilon so that (25, 50] + (25, 50]
-- passes "more than 50" on its lower bounds, as the true value must.
-- While $include_indirect is false only direct links count, so witness paths
-- walk the real chain (A -> B -> C) rather than an "ultimately consolidated
-- by" shortcut; the second phase adds indirect links and reaches the same
-- fixed point.
with caught as (
    select * from caught
),

edges as (
    select * from valid_edges
    where direct_or_indirect = 'direct' or $include_indirect
),

control as (
    select
        e.subject_id as entity_id,
        case
            when c.status = 'definite' and list_contains($control_definite::varchar[], e.basis)
                then 'definite'
            else 'possible'
        end as status,
        'control' as basis,
        c.depth + 1 as depth,
        e.owner_id as via_owner,
        e.relationship_id as via_relationship,
        null::double as stake_lo,
        null::double as stake_hi
    from edges as e
    inner join caught as c on c.entity_id = e.owner_id
    where list_contains($control_definite::varchar[], e.basis) or list_contains($control_possible::varchar[], e.basis)
),

owner_stakes as (
    -- Unknown percentages never clear anyone: they count 0 low and 100 high.
    select
        e.subject_id,
        e.owner_id,
        any_value(c.status) as owner_status,
        min(c.depth) as owner_depth,
        sum(coalesce(e.stake_lo, 0) + case when e.lo_inclusive then 0 else $epsilon end) as lo,
        sum(coalesce(e.stake_hi, 100) - case when e.hi_inclusive then 0 else $epsilon end) as hi,
        min(e.relationship_id) as relationship_id
    from edges as e
    inner join caught as c on c.entity_id = e.owner_id
    where list_contains($ownership_bases::varchar[], e.basis)
    group by e.subject_id, e.owner_id
),

stake_totals as (
    select
        subject_id as entity_id,
        coalesce(
            case
                when $aggregate then sum(lo) filter (where owner_status = 'definite')
                else max(lo) filter (where owner_status = 'definite')
            end,
            0
        ) as s_lo,
        case when $aggregate then sum(hi) else max(hi) end as s_hi,
        arg_max(owner_id, (lo, owner_id)) as via_owner,
        arg_max(relationship_id, (lo, owner_id)) as via_relationship,
        min(owner_depth) as owner_depth
    from owner_stakes
    group by subject_id
),

ownership as (
    select
        entity_id,
        case
            when s_lo > $threshold or ($inclusive and s_lo >= $threshold) then 'definite'
            else 'possible'
        end as status,
        'ownership' as basis,
        owner_depth + 1 as depth,
        via_owner,
        via_relationship,
        round(s_lo, 4) as stake_lo,
        round(least(s_hi, 100), 4) as stake_hi
    from stake_totals
    where s_hi > $threshold or ($inclusive and s_hi >= $threshold)
),

unioned as (
    select * from control
    union all
    select * from ownership
),

best as (
    select
        entity_id,
        arg_min(
            struct_pack(status, basis, depth, via_owner, via_relationship, stake_lo, stake_hi),
            (status <> 'definite', depth, basis, via_owner)
        ) as pick
    from unioned
    group by entity_id
),

final as (
    select
        b.entity_id,
        b.pick.status as status,
        b.pick.basis as basis,
        b.pick.depth as depth,
        b.pick.via_owner as via_owner,
        b.pick.via_relationship as via_relationship,
        b.pick.stake_lo as stake_lo,
        b.pick.stake_hi as stake_hi,
        null::varchar as detail
    from best as b
    left join caught as c on c.entity_id = b.entity_id
    where c.entity_id is null or (c.status = 'possible' and b.pick.status = 'definite')
)

select * from final
