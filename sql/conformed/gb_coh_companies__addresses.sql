-- Registered office of each company, as the 'legal' address. RegAddress.Country
-- is free text ("ENGLAND", "UNITED KINGDOM", "WALES"); the parser maps it to an
-- ISO code (pipelines/lib/countries.py) and reports names it cannot map. The
-- care-of name is a person or firm, not part of the place, so it is left out.
with companies as (
    select * from staging.stg_gb_coh_companies__companies
),

final as (
    select
        gb_coh_id(number) as entity_id,
        'legal' as address_type,
        nullif(
            concat_ws(
                ', ', reg_po_box, reg_address_line1, reg_address_line2, reg_post_town,
                reg_county, reg_post_code
            ),
            ''
        ) as full_address,
        reg_post_town as city,
        reg_county as region,
        reg_post_code as postal_code,
        country_of(reg_country_code) as country,
        null as lang,
        'gb_coh_companies' as source,
        gb_coh_number(number) as source_record,
        snapshot_id
    from companies
    where coalesce(reg_address_line1, reg_post_town, reg_post_code, reg_po_box) is not null
)

select * from final
