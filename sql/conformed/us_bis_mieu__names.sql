-- Names of the BIS Military-Intelligence End Users: the name and the ";"-separated aliases
-- (aka; weak when a short all-capitals acronym such as GRU or DIM).
with names as (
    select * from staging.stg_us_bis_mieu__names
),

final as (
    select
        'us-bis-mieu-' || lower(key) as entity_id,
        name,
        name_type,
        null::varchar as lang,
        strength,
        'us_bis_mieu' as source,
        key as source_record,
        snapshot_id
    from names
)

select * from final
