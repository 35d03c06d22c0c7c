-- The Companies House company number of each company (scheme 'gb-coh', the
-- same scheme and zero-padded form GLEIF's RA000585/6/7 register ids map to,
-- so resolution can join the two).
with companies as (
    select * from staging.stg_gb_coh_companies__companies
),

final as (
    select
        gb_coh_id(number) as entity_id,
        'gb-coh' as scheme,
        gb_coh_number(number) as value,
        'Companies House' as issuer,
        'gb_coh_companies' as source,
        gb_coh_number(number) as source_record,
        snapshot_id
    from companies
)

select * from final
