-- Possible matches analysts should judge first: each "possibly same as" pair
-- with the denylist rows its judgement would change. Where, under a policy,
-- one side is determined and the other not, merging them would add the other
-- side and every entity it owns or controls (transitively, in-force links)
-- that the policy has not caught yet. Record the decision in
-- data/reference/resolution_judgements.csv; the next run applies it.
with possible as (
    select * from resolve.possible_same_as
),

determinations as (
    select * from policy.determinations
),

edges as (
    select * from graph.edges
),

one_side_caught as (
    select
        p.left_id,
        p.right_id,
        d.policy,
        case when d.entity_id = p.left_id then p.right_id else p.left_id end as uncaught_id
    from possible as p
    inner join determinations as d on d.entity_id in (p.left_id, p.right_id)
    qualify count(*) over (partition by p.left_id, p.right_id, d.policy) = 1
),

reach as (
    with recursive downstream(policy, start_id, entity_id) as (
        select policy, uncaught_id, uncaught_id from one_side_caught
        union
        select d.policy, d.start_id, e.subject_id
        from downstream as d
        inner join edges as e on e.owner_id = d.entity_id
        where e.status = 'active'
            and (e.start_date is null or e.start_date <= $as_of)
            and (e.end_date is null or e.end_date > $as_of)
    )
    select * from downstream
),

newly_caught as (
    select r.policy, r.start_id, count(*) as rows_added
    from reach as r
    anti join determinations as d on d.policy = r.policy and d.entity_id = r.entity_id
    group by r.policy, r.start_id
),

final as (
    select
        p.left_id,
        p.right_id,
        p.score,
        coalesce(sum(n.rows_added), 0)::bigint as denylist_rows_at_stake,
        string_agg(o.policy || ' +' || n.rows_added, ', ' order by o.policy) as by_policy,
        p.detail,
        p.records
    from possible as p
    left join one_side_caught as o on o.left_id = p.left_id and o.right_id = p.right_id
    left join newly_caught as n on n.policy = o.policy and n.start_id = o.uncaught_id
    group by p.left_id, p.right_id, p.score, p.detail, p.records
)

select * from final
order by denylist_rows_at_stake desc, score desc, left_id, right_id
