-- Postal addresses with their role (legal seat, headquarters, other) and country.
with gleif as (
    select * from staging.stg_global_gleif_lei__addresses
),

ofac as (
    select * from staging.stg_us_ofac_sdn__addresses
),

gleif_addresses as (
    select
        'lei-' || lower(lei) as entity_id,
        case address_type
            when 'LEGAL' then 'legal'
            when 'HEADQUARTERS' then 'headquarters'
            else lower(address_type)
        end as address_type,
        concat_ws(
            ', ',
            first_address_line,
            nullif(array_to_string(additional_address_lines, ', '), ''),
            city,
            region,
            postal_code
        ) as full_address,
        city,
        region,
        postal_code,
        upper(country) as country,
        lang,
        'global_gleif_lei' as source,
        lei as source_record,
        snapshot_id
    from gleif
),

ofac_addresses as (
    select
        'ofac-' || ent_num as entity_id,
        'address' as address_type,
        concat_ws(', ', address, city_state_postal, region) as full_address,
        null as city,
        region,
        null as postal_code,
        country_code as country,
        null as lang,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac
),

final as (
    select * from gleif_addresses
    union all
    select * from ofac_addresses
    union all by name
    select * from conformed.bods__addresses
    union all by name
    select * from conformed.gb_coh_companies__addresses
    union all by name
    select * from conformed.gb_coh_psc__addresses
)

select * from final
