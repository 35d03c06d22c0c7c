-- Names of OpenSanctions FtM parties. FtM name -> primary (every value: FtM
-- keeps the official names in all scripts and spellings as `name`), alias ->
-- aka, weakAlias -> aka with strength 'weak' (OpenSanctions' weak aliases
-- are the lists' low-quality ones, e.g. UN "Low", OFAC weak a.k.a.),
-- previousName -> previous. FtM states no name languages.
with parties as (
    select * from staging.stg_opensanctions__entities
),

typed as (
    select id, snapshot_id, unnest(name) as name, 'primary' as name_type, 'strong' as strength
    from parties
    union all
    select id, snapshot_id, unnest(alias), 'aka', 'strong' from parties
    union all
    select id, snapshot_id, unnest(weak_alias), 'aka', 'weak' from parties
    union all
    select id, snapshot_id, unnest(previous_name), 'previous', 'strong' from parties
),

final as (
    select
        'os-' || lower(id) as entity_id,
        name,
        name_type,
        null::varchar as lang,
        strength,
        'opensanctions' as source,
        id as source_record,
        snapshot_id
    from typed
    where name is not null and trim(name) <> ''
)

select * from final
