-- Postal addresses with their role (legal seat, headquarters, other) and country.
with gleif as (
    select * from staging.stg_global_gleif_lei__addresses
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

final as (
    select * from gleif_addresses
    union all by name
    select * from conformed.us_ofac_sdn__addresses
    union all by name
    select * from conformed.us_ofac_cons__addresses
    union all by name
    select * from conformed.bods__addresses
    union all by name
    select * from conformed.gb_coh_companies__addresses
    union all by name
    select * from conformed.gb_coh_psc__addresses
    union all by name
    select * from conformed.us_trade_csl__addresses
    union all by name
    select * from conformed.us_bis_dpl__addresses
    union all by name
    select * from conformed.un_sc_sanctions__addresses
    union all by name
    select * from conformed.eu_fsf__addresses
    union all by name
    select * from conformed.gb_hmt_ofsi__addresses
    union all by name
    select * from conformed.gb_uk_sanctions_list__addresses
    union all by name
    select * from conformed.us_ofac_sdn_xml__addresses
    union all by name
    select * from conformed.us_ofac_cons_xml__addresses
    union all by name
    select * from conformed.opensanctions__addresses
)

select * from final
