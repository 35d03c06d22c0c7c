-- Entities restricted by themselves under a policy: listed while the listing
-- is in force (on a root list, or under a root program of a list), or
-- headquartered in a country of concern. Natural persons are roots only when
-- the policy says so.
with memberships as (
    select * from canonical.list_memberships
),

entity_map as (
    select * from resolve.entity_map
),

nodes as (
    select * from graph.nodes
),

programs as (
    select * from policy_programs
),

in_force as (
    select m.canonical_id as entity_id, l.list_code, l.program
    from memberships as l
    inner join entity_map as m on m.entity_id = l.entity_id
    where (l.listed_on is null or l.listed_on <= $as_of)
        and (l.delisted_on is null or l.delisted_on > $as_of)
),

rooted as (
    select i.*
    from in_force as i
    where list_contains($root_lists::varchar[], '*')
        or list_contains($root_lists::varchar[], i.list_code)
        or exists (
            select 1 from programs as p
            where p.list_code = i.list_code and p.program = i.program
        )
),

list_programs as (
    select
        entity_id,
        list_code,
        string_agg(distinct program, ', ' order by program) as programs
    from rooted
    group by entity_id, list_code
),

listed as (
    select
        entity_id,
        'listed' as basis,
        'listed: ' || string_agg(
            list_code || coalesce(' [' || programs || ']', ''), '; ' order by list_code
        ) as detail
    from list_programs
    group by entity_id
),

headquartered as (
    select
        node_id as entity_id,
        'headquarters' as basis,
        'HQ ' || hq_country as detail
    from nodes
    where list_contains($root_hq_countries::varchar[], hq_country)
        and list_contains($root_kinds::varchar[], kind)
),

unioned as (
    select * from listed
    union all
    select * from headquartered
),

final as (
    select
        u.entity_id,
        'definite' as status,
        -- An entity both listed and headquartered is reported as listed.
        arg_min(u.basis, u.basis <> 'listed') as basis,
        0 as depth,
        null::varchar as via_owner,
        null::varchar as via_relationship,
        null::double as stake_lo,
        null::double as stake_hi,
        arg_min(u.detail, u.basis <> 'listed') as detail
    from unioned as u
    left join nodes as n on n.node_id = u.entity_id
    where $natural_persons or coalesce(n.kind, '') <> 'person'
    group by u.entity_id
)

select * from final
