-- Addresses of the UK Sanctions List designations: AddressLine1-6, the postal
-- code and the country joined as published. AddressLine6 holds a city or a
-- province depending on the entry, so city and region stay null rather than
-- guessed; country is the ISO code of AddressCountry when it names one.
with addresses as (
    select * from staging.stg_gb_uk_sanctions_list__addresses
),

final as (
    select
        'gb-uksl-' || lower(unique_id) as entity_id,
        'address' as address_type,
        full_address,
        null::varchar as city,
        null::varchar as region,
        postal_code,
        country_code as country,
        null::varchar as lang,
        'gb_uk_sanctions_list' as source,
        unique_id as source_record,
        snapshot_id
    from addresses
)

select * from final
