-- Entities that resolution found possibly the same as a root (a possible
-- match, never merged): `possible` roots when the policy counts possible
-- matches, so an analyst's judgement decides them.
with caught as (
    select * from caught
),

pairs as (
    select left_id as entity_id, right_id as root_id, score, detail from resolve.possible_same_as
    union all
    select right_id, left_id, score, detail from resolve.possible_same_as
),

final as (
    select
        p.entity_id,
        'possible' as status,
        'possible_match' as basis,
        1 as depth,
        arg_max(p.root_id, (p.score, p.root_id)) as via_owner,
        null::varchar as via_relationship,
        null::double as stake_lo,
        null::double as stake_hi,
        'possibly the same as a root: ' || arg_max(p.detail, (p.score, p.root_id)) as detail
    from pairs as p
    inner join caught as r on r.entity_id = p.root_id and r.depth = 0
    where p.entity_id not in (select entity_id from caught)
    group by p.entity_id
)

select * from final
