-- Addresses of the OFSI consolidated list targets: Address 1-6, Post/Zip Code
-- and Country joined as published. Address 6 holds a city, a province or a
-- street depending on the entry, so city and region stay null rather than
-- guessed. Country is the ISO code of the Country column when it names one
-- country ("Afghanistan (previous address)" counts; "In Syria as at June 2013"
-- does not and was reported as a leftover).
with addresses as (
    select * from staging.stg_gb_hmt_ofsi__addresses
),

final as (
    select
        'gb-ofsi-' || lower(group_id) as entity_id,
        'address' as address_type,
        full_address,
        null::varchar as city,
        null::varchar as region,
        post_zip_code as postal_code,
        country_code as country,
        null::varchar as lang,
        'gb_hmt_ofsi' as source,
        group_id as source_record,
        snapshot_id
    from addresses
)

select * from final
