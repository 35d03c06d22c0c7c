-- "Possibly the same as": scored pairs short of a match, between canonical
-- entities that did not end up merged. Never merged; analysts see them (and
-- record a judgement), and a policy may count them as `possible`.
with scored as (
    select * from resolve.scored_pairs
),

entity_map as (
    select * from resolve.entity_map
),

final as (
    select
        least(l.canonical_id, r.canonical_id) as left_id,
        greatest(l.canonical_id, r.canonical_id) as right_id,
        max(s.score) as score,
        arg_max(s.detail, s.score) as detail,
        arg_max(s.left_id || ' ~ ' || s.right_id, s.score) as records
    from scored as s
    inner join entity_map as l on l.entity_id = s.left_id
    inner join entity_map as r on r.entity_id = s.right_id
    where s.outcome = 'possible' and l.canonical_id <> r.canonical_id
    group by least(l.canonical_id, r.canonical_id), greatest(l.canonical_id, r.canonical_id)
)

select * from final
order by left_id, right_id
