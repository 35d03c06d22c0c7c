-- Every name of every denylisted entity, one row per (entity, name): what
-- screening matches against. Source names reach the denylist's entity through
-- resolution; the denylist's own name is always among them (a stub node is
-- named by its key and has no source names). When sources give one name
-- several types, the strongest type wins (primary first).
with denylist as (
    select distinct entity_id, name from publish.denylist
),

entity_map as (
    select * from resolve.entity_map
),

names as (
    select * from canonical.names
),

source_names as (
    select m.canonical_id as entity_id, n.name, n.name_type, n.script
    from names as n
    inner join entity_map as m on m.entity_id = n.entity_id
    where m.canonical_id in (select entity_id from denylist)
),

headline_names as (
    select entity_id, name, 'primary' as name_type, script_of(name) as script
    from denylist
    where name is not null and trim(name) <> ''
),

unioned as (
    select * from source_names
    union all
    select * from headline_names
),

ranked as (
    select
        *,
        case name_type
            when 'primary' then 0
            when 'aka' then 1
            when 'fka' then 2
            when 'previous' then 3
            when 'trading' then 4
            when 'alternative_language' then 5
            when 'transliterated' then 6
            else 7
        end as type_rank
    from unioned
),

final as (
    select
        entity_id,
        name,
        arg_min(name_type, (type_rank, name_type)) as name_type,
        arg_min(script, (type_rank, name_type)) as script
    from ranked
    group by entity_id, name
)

select * from final
order by entity_id, name
