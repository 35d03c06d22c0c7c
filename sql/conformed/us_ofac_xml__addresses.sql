-- OFAC Enhanced XML addresses of both sources (one mapping for SDN_ENHANCED and
-- CONS_ENHANCED), one row per translation (the Latin one and, for some Russian
-- or Chinese entities, the address in its own script, with the language its
-- script implies). country: ISO alpha-2 through the file's referenceValues.
-- OFAC fills REGION for places such as "Gaza" and STATE/PROVINCE for states:
-- region is whichever is given. Empty addresses (no part, no country) are left out.
with addresses as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__addresses
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__addresses
),

scripts as (
    select * from reference.ofac_xml_scripts
),

shaped as (
    select
        'ofac-' || a.entity_id as entity_id,
        'address' as address_type,
        nullif(
            concat_ws(
                ', ', a.address1, a.address2, a.address3, a.city, a.state_province,
                a.postal_code, a.region
            ),
            ''
        ) as full_address,
        a.city,
        coalesce(a.state_province, a.region) as region,
        a.postal_code,
        a.country_code as country,
        s.lang,
        a.source,
        cast(a.entity_id as varchar) as source_record,
        a.snapshot_id
    from addresses as a
    left join scripts as s on s.script = a.script
),

final as (
    select * from shaped
    where full_address is not null or country is not null
)

select * from final
