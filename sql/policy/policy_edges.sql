-- The links one policy counts, prepared once per policy run. Ownership: a
-- holder stated by several sources (PSC data reaches us through the register,
-- BODS and OpenSanctions alike) counts once per basis, at its largest bounds;
-- unknown percentages count 0 low and 100 high (they never clear anyone); open
-- bounds are nudged by $epsilon so that (25, 50] + (25, 50] passes "more than
-- 50" on its lower bounds, as the true value must. Control: each link with
-- the kind of determination its basis gives under this policy. `is_direct`:
-- not an "ultimately consolidated by" style shortcut (unknown counts as direct).
with edges as (
    select * from valid_edges
),

ownership as (
    select
        owner_id,
        subject_id,
        basis,
        'ownership' as kind,
        bool_or(direct_or_indirect <> 'indirect') as is_direct,
        max(coalesce(stake_lo, 0) + case when lo_inclusive then 0 else $epsilon end) as lo,
        max(coalesce(stake_hi, 100) - case when hi_inclusive then 0 else $epsilon end) as hi,
        min(relationship_id) as relationship_id
    from edges
    where list_contains($ownership_bases::varchar[], basis)
    group by owner_id, subject_id, basis
),

control as (
    select
        owner_id,
        subject_id,
        basis,
        case
            when list_contains($control_definite::varchar[], basis) then 'control_definite'
            else 'control_possible'
        end as kind,
        direct_or_indirect <> 'indirect' as is_direct,
        null::double as lo,
        null::double as hi,
        relationship_id
    from edges
    where list_contains($control_definite::varchar[], basis)
        or list_contains($control_possible::varchar[], basis)
),

final as (
    select * from ownership
    union all
    select * from control
)

select * from final
