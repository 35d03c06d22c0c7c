-- The name of every UK PSC and ROE beneficial owner as published (title and
-- forenames included for individuals); super-secure PSCs have none.
with pscs as (
    select * from staging.stg_gb_coh_psc__pscs
),

final as (
    select
        entity_id,
        name,
        'primary' as name_type,
        null as lang,
        'strong' as strength,
        'gb_coh_psc' as source,
        concat_ws('|', company_number, psc_key) as source_record,
        snapshot_id
    from pscs
    where name is not null
)

select * from final
