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
        -- Ties on the score go to the first record pair, so reruns agree.
        first(s.detail order by s.score desc, s.left_id, s.right_id) as detail,
        first(s.left_id || ' ~ ' || s.right_id order by s.score desc, s.left_id, s.right_id)
            as records
    from scored as s
    inner join entity_map as l on l.entity_id = s.left_id
    inner join entity_map as r on r.entity_id = s.right_id
    where s.outcome = 'possible' and l.canonical_id <> r.canonical_id
    group by least(l.canonical_id, r.canonical_id), greatest(l.canonical_id, r.canonical_id)
)

select * from final
order by left_id, right_id
