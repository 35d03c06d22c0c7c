-- Addresses of the entries of OFAC's two legacy CSV sets (SDN and non-SDN).
-- The address file has one street field and one "City/State/Province/Postal
-- Code" field, which OFAC does not split; the parser maps the country name to
-- ISO alpha-2 and keeps a "Region: Crimea" country as the region.
with addresses as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__addresses
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__addresses
),

final as (
    select
        'ofac-' || ent_num as entity_id,
        'address' as address_type,
        concat_ws(', ', address, city_state_postal, region) as full_address,
        null::varchar as city,
        region,
        null::varchar as postal_code,
        country_code as country,
        null::varchar as lang,
        source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from addresses
)

select * from final
