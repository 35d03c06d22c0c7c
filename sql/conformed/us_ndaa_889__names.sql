-- Names of the NDAA section 889 companies: the name and the ";"-separated aliases
-- (aka; weak when a short all-capitals acronym such as GRU or DIM).
with names as (
    select * from staging.stg_us_ndaa_889__names
),

final as (
    select
        'us-ndaa-889-' || lower(key) as entity_id,
        name,
        name_type,
        null::varchar as lang,
        strength,
        'us_ndaa_889' as source,
        key as source_record,
        snapshot_id
    from names
)

select * from final
