-- Addresses of the CSL entries. The CSV flattens each address into one
-- ", "-joined text ending, when the list states one, with an ISO alpha-2 code
-- (the parser takes it as the country); street, city, region and postal code
-- cannot be told apart reliably, so only the full text is kept.
with addresses as (
    select * from staging.stg_us_trade_csl__addresses
),

final as (
    select
        'csl-' || lower(id) as entity_id,
        'address' as address_type,
        full_address,
        null::varchar as city,
        null::varchar as region,
        null::varchar as postal_code,
        country_code as country,
        null::varchar as lang,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from addresses
)

select * from final
