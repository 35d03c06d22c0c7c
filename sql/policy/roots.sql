-- Entities restricted by themselves under a policy: listed while the listing
-- is in force, or headquartered in a country of concern.
with memberships as (
    select * from canonical.list_memberships
),

entity_map as (
    select * from resolve.entity_map
),

nodes as (
    select * from graph.nodes
),

list_programs as (
    select
        m.canonical_id as entity_id,
        l.list_code,
        string_agg(distinct l.program, ', ' order by l.program) as programs
    from memberships as l
    inner join entity_map as m on m.entity_id = l.entity_id
    where (list_contains($root_lists::varchar[], '*') or list_contains($root_lists::varchar[], l.list_code))
        and (l.listed_on is null or l.listed_on <= $as_of)
        and (l.delisted_on is null or l.delisted_on > $as_of)
    group by m.canonical_id, l.list_code
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
        entity_id,
        'definite' as status,
        -- An entity both listed and headquartered is reported as listed.
        arg_min(basis, basis <> 'listed') as basis,
        0 as depth,
        null::varchar as via_owner,
        null::varchar as via_relationship,
        null::double as stake_lo,
        null::double as stake_hi,
        arg_min(detail, basis <> 'listed') as detail
    from unioned
    group by entity_id
)

select * from final
