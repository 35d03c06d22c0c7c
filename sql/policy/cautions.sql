-- Evidence short of a determination, recorded for analysts (OFAC FAQ 398:
-- OFAC "urges caution" over significant minority stakes and control; BIS's
-- red flag for significant minority ownership). Only entities in the policy's
-- scope that it did not catch are flagged: a caught owner holds a stake at or
-- above $minority_stake (upper bound), or a control right the policy counts
-- only as a caution.
with caught as (
    select * from caught
),

edges as (
    select * from valid_edges
),

minority as (
    select
        e.subject_id as entity_id,
        'minority_stake' as caution,
        e.owner_id,
        min(e.relationship_id) as relationship_id,
        e.basis,
        max(e.stake_lo) as stake_lo,
        max(coalesce(e.stake_hi, 100)) as stake_hi
    from edges as e
    inner join caught as c on c.entity_id = e.owner_id
    where $minority_stake is not null
        and list_contains($ownership_bases::varchar[], e.basis)
    group by e.subject_id, e.owner_id, e.basis
    having max(coalesce(e.stake_hi, 100)) >= $minority_stake
),

control as (
    select
        e.subject_id as entity_id,
        'control' as caution,
        e.owner_id,
        min(e.relationship_id) as relationship_id,
        e.basis,
        null::double as stake_lo,
        null::double as stake_hi
    from edges as e
    inner join caught as c on c.entity_id = e.owner_id
    where list_contains($caution_control::varchar[], e.basis)
    group by e.subject_id, e.owner_id, e.basis
),

unioned as (
    select * from minority
    union all
    select * from control
),

final as (
    select
        $policy as policy,
        u.entity_id,
        u.caution,
        u.owner_id,
        u.relationship_id,
        u.basis,
        u.stake_lo,
        u.stake_hi,
        case u.caution
            when 'minority_stake' then printf(
                'a restricted owner holds %s%% of the %s, short of the threshold',
                coalesce(printf('%g', u.stake_lo), '?') || '-' || printf('%g', u.stake_hi), u.basis
            )
            else 'a restricted owner holds ' || replace(u.basis, '_', ' ')
                || ', which this policy records as a caution only'
        end as detail
    from unioned as u
    where u.entity_id not in (select entity_id from caught)
        and u.entity_id not in (select entity_id from excluded)
)

select * from final
