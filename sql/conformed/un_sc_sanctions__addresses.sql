-- Addresses on the UN consolidated list (individuals and entities), country as
-- ISO alpha-2 (the UN writes English names, mapped by the parser). The UN's
-- NOTE ("previous address", "as of June 2016") stays in staging.
with addresses as (
    select * from staging.stg_un_sc_sanctions__addresses
),

final as (
    select
        'un-sc-' || dataid as entity_id,
        'address' as address_type,
        concat_ws(', ', street, city, state_province, zip_code, country) as full_address,
        city,
        state_province as region,
        zip_code as postal_code,
        country_code as country,
        null::varchar as lang,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from addresses
    where coalesce(street, city, state_province, zip_code, country) is not null
)

select * from final
