-- The address of each Denied Persons List row: street, city, state (region)
-- and postal code as published, the country as ISO alpha-2 (null when the row
-- states none, or a US state code in the Country column).
with entries as (
    select * from staging.stg_us_bis_dpl__entries
),

final as (
    select
        'dpl-' || lower(key) as entity_id,
        'address' as address_type,
        concat_ws(', ', street_address, city, state, postal_code, country_code) as full_address,
        city,
        state as region,
        postal_code,
        country_code as country,
        null::varchar as lang,
        'us_bis_dpl' as source,
        key as source_record,
        snapshot_id
    from entries
    where coalesce(street_address, city, state, postal_code, country_code) is not null
)

select * from final
