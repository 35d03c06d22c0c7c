-- The name of each Denied Persons List row, as published (padding removed).
-- A name variant of a party is a row of its own, hence a primary name.
with entries as (
    select * from staging.stg_us_bis_dpl__entries
),

final as (
    select
        'dpl-' || lower(key) as entity_id,
        name,
        'primary' as name_type,
        null::varchar as lang,
        'strong' as strength,
        'us_bis_dpl' as source,
        key as source_record,
        snapshot_id
    from entries
)

select * from final
