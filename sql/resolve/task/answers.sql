-- A linkage task's answers: each mention's register record when resolution
-- put them in one entity ('match', with the best score between the two, or 1.0
-- when they met through other records), else its best possible register record.
with entity_map as (
    select * from resolve.entity_map
),

scored as (
    select * from resolve.scored_pairs
),

mentions as (
    select entity_id, canonical_id from entity_map where starts_with(entity_id, 'm:')
),

registers as (
    select entity_id, canonical_id from entity_map where starts_with(entity_id, 'r:')
),

pair_scores as (
    select left_id as a, right_id as b, score, outcome from scored
    union all
    select right_id, left_id, score, outcome from scored
),

matched as (
    select
        m.entity_id as mention,
        r.entity_id as register,
        coalesce(max(s.score), 1.0) as score,
        'match' as outcome
    from mentions as m
    inner join registers as r on r.canonical_id = m.canonical_id
    left join pair_scores as s on s.a = m.entity_id and s.b = r.entity_id
    group by m.entity_id, r.entity_id
),

possible as (
    select s.a as mention, arg_max(s.b, s.score) as register, max(s.score) as score,
        'possible' as outcome
    from pair_scores as s
    where starts_with(s.a, 'm:') and starts_with(s.b, 'r:') and s.outcome = 'possible'
        and s.a not in (select mention from matched)
    group by s.a
),

final as (
    select * from matched
    union all
    select * from possible
)

select
    substr(mention, 3) as mention_id,
    substr(register, 3) as register_id,
    score,
    outcome
from final
order by mention_id, outcome, register_id
