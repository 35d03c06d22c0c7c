-- Addresses of UK PSCs and ROE beneficial owners. A corporate or legal-person
-- PSC's `address` is the registered or principal office its filing declares:
-- 'headquarters' (project decision). Beneficial owners of overseas entities
-- give a service `address` and a separate `principal_office_address`: the
-- latter is the 'headquarters'. An individual's address is a service
-- (correspondence) address, not a home.
-- The PSC staging table is read twice, each time by name rather than through
-- a CTE: a CTE read twice is materialized (the whole table buffered, which
-- spills at register scale), and DuckDB drops a stored view's `not
-- materialized` hint. Read by name, each read scans only its own columns.
with countries as (
    select * from staging.stg_gb_coh_psc__countries
),

parts as (
    select
        company_number,
        psc_key,
        entity_id,
        case
            when psc_class in ('corporate-entity', 'legal-person') and not is_beneficial_owner
                then 'headquarters'
            else 'service'
        end as address_type,
        address_care_of as care_of,
        address_po_box as po_box,
        address_premises as premises,
        address_address_line_1 as line_1,
        address_address_line_2 as line_2,
        address_locality as locality,
        address_region as region,
        address_postal_code as postal_code,
        address_country as country,
        snapshot_id
    from staging.stg_gb_coh_psc__pscs
    union all
    select
        company_number,
        psc_key,
        entity_id,
        'headquarters',
        principal_office_care_of,
        principal_office_po_box,
        principal_office_premises,
        principal_office_address_line_1,
        principal_office_address_line_2,
        principal_office_locality,
        principal_office_region,
        principal_office_postal_code,
        principal_office_country,
        snapshot_id
    from staging.stg_gb_coh_psc__pscs
),

final as (
    select
        p.entity_id,
        p.address_type,
        concat_ws(
            ', ', p.care_of, p.po_box, p.premises, p.line_1, p.line_2, p.locality, p.region,
            p.postal_code, p.country
        ) as full_address,
        p.locality as city,
        p.region,
        p.postal_code,
        c.code as country,
        null as lang,
        'gb_coh_psc' as source,
        concat_ws('|', p.company_number, p.psc_key) as source_record,
        p.snapshot_id
    from parts as p
    left join countries as c on c.text = p.country
    where coalesce(
        p.care_of, p.po_box, p.premises, p.line_1, p.line_2, p.locality, p.region,
        p.postal_code, p.country
    ) is not null
)

select * from final
