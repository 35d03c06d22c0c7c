-- One fixed-point step: entities whose status the caught set now improves.
-- Control: a link of a counted control basis from an owner caught or upgraded
-- in the last step. Ownership: the stakes of caught owners (sql/policy/
-- stakes.sql, already in the temp table `stakes`) meet the threshold on
-- lower bounds (`definite`) or only on upper bounds (`possible`). While
-- $include_indirect is false only direct links count, so witness paths walk
-- the real chain (A -> B -> C) rather than an "ultimately consolidated by"
-- shortcut; the second phase adds indirect links and reaches the same fixed
-- point.
with caught as (
    select * from caught
),

changed as (
    select * from changed
),

links as (
    select * from control_links
    where is_direct or $include_indirect
),

stake_totals as (
    select * from stakes
),

excluded as (
    select * from excluded
),

control as (
    select
        l.subject_id as entity_id,
        case
            when c.status = 'definite' and l.kind = 'control_definite' then 'definite'
            else 'possible'
        end as status,
        'control' as basis,
        c.depth + 1 as depth,
        l.owner_id as via_owner,
        l.relationship_id as via_relationship,
        null::double as stake_lo,
        null::double as stake_hi,
        'control: ' || replace(l.basis, '_', ' ') as detail
    from links as l
    inner join changed as c on c.entity_id = l.owner_id
),

ownership as (
    select
        entity_id,
        case
            when s_lo > $threshold + $tolerance
                or ($inclusive and s_lo >= $threshold - $tolerance) then 'definite'
            else 'possible'
        end as status,
        'ownership' as basis,
        owner_depth + 1 as depth,
        via_owner,
        via_relationship,
        round(s_lo, 4) as stake_lo,
        round(least(s_hi, 100), 4) as stake_hi,
        detail
    from stake_totals
    -- The tolerance absorbs binary rounding (0.01 + 33.16 + 16.83 is 50, not 49.999…);
    -- it is far below epsilon, the nudge of an open bound.
    where s_hi > $threshold + $tolerance or ($inclusive and s_hi >= $threshold - $tolerance)
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
            struct_pack(status, basis, depth, via_owner, via_relationship, stake_lo, stake_hi,
                        detail),
            (status <> 'definite', depth, basis, via_owner, via_relationship)
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
        b.pick.detail as detail
    from best as b
    left join caught as c on c.entity_id = b.entity_id
    anti join excluded as x on x.entity_id = b.entity_id
    where c.entity_id is null or (c.status = 'possible' and b.pick.status = 'definite')
)

select * from final
