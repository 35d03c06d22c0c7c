-- "Which companies are one analyst decision away from changing status?"
-- - a `possible` determination: confirming the upper bound or the control
--   evidence makes it definite, refuting it clears it;
-- - a caution (a restricted owner's minority stake or control the policy
--   counts only as a caution): establishing more would catch it;
-- - a data-quality flag: correcting the share register lets ownership count
--   again;
-- - a possible resolution match between a restricted and an unrestricted
--   entity: judging it a match restricts the other side.
with determinations as (
    select * from policy.determinations
),

cautions as (
    select * from policy.cautions
),

flags as (
    select * from policy.data_quality
),

possible_same_as as (
    select * from resolve.possible_same_as
),

nodes as (
    select * from graph.nodes
),

possible as (
    select policy, entity_id, 'possible' as current_status,
        'confirm or refute: ' || coalesce(detail, basis) as decision
    from determinations
    where status = 'possible'
),

cautioned as (
    select policy, entity_id, 'clear' as current_status,
        string_agg(distinct 'establish control or ownership: ' || detail, '; ') as decision
    from cautions
    group by policy, entity_id
),

flagged as (
    select r.policy, f.entity_id, 'clear' as current_status,
        'correct the register: ' || f.detail as decision
    from flags as f
    cross join (select distinct policy from determinations) as r
    where f.entity_id not in (
        select entity_id from determinations as d where d.policy = r.policy
    )
),

pairs as (
    select left_id as entity_id, right_id as other_id, score from possible_same_as
    union all
    select right_id, left_id, score from possible_same_as
),

matches as (
    select d.policy, p.entity_id, 'clear' as current_status,
        printf('judge the possible match (score %.2f) with restricted %s', max(p.score),
            min(p.other_id)) as decision
    from pairs as p
    inner join determinations as d on d.entity_id = p.other_id
    where not exists (
        select 1 from determinations as x
        where x.policy = d.policy and x.entity_id = p.entity_id
    )
    group by d.policy, p.entity_id
),

unioned as (
    select * from possible
    union all
    select * from cautioned
    union all
    select * from flagged
    union all
    select * from matches
),

final as (
    select u.policy, u.entity_id, n.name, u.current_status, u.decision
    from unioned as u
    left join nodes as n on n.node_id = u.entity_id
)

select * from final
