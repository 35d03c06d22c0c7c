-- Addresses on the EU list, country as ISO alpha-2 (countryIso2Code; "00" is
-- unknown and gives no country). An address with no component at all (the
-- EU writes empty ones that only carry a remark) is left out.
with addresses as (
    select * from staging.stg_eu_fsf__addresses
),

final as (
    select
        'eu-fsf-' || logical_id as entity_id,
        'address' as address_type,
        concat_ws(
            ', ', street, po_box, city, zip_code, region, place,
            case when country_code is not null then country_description end
        ) as full_address,
        city,
        region,
        zip_code as postal_code,
        country_code as country,
        null::varchar as lang,
        'eu_fsf' as source,
        cast(logical_id as varchar) as source_record,
        snapshot_id
    from addresses
    where coalesce(street, po_box, city, zip_code, region, place, country_code) is not null
)

select * from final
