-- Addresses of BODS entity and person records. BODS addressType -> role:
-- registered -> legal, business -> headquarters (where GLEIF-derived BODS
-- puts the headquarters address), placeOfBirth -> place_of_birth; residence,
-- service and alternative keep their names.
with statements as (
    select * from conformed.bods__statements
),

addresses as (
    select * from staging.stg_bods__addresses
),

final as (
    select
        s.entity_id,
        case a.address_type
            when 'registered' then 'legal'
            when 'business' then 'headquarters'
            when 'placeOfBirth' then 'place_of_birth'
            else a.address_type
        end as address_type,
        concat_ws(', ', a.address, a.post_code) as full_address,
        null as city,
        null as region,
        a.post_code as postal_code,
        upper(a.country_code) as country,
        null as lang,
        'bods' as source,
        s.record_key as source_record,
        s.snapshot_id
    from addresses as a
    inner join statements as s on s.statement_id = a.statement_id
)

select * from final
