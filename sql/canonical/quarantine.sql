-- Every source row that could not be read, with the reason and its raw text.
with gleif_lei as (
    select * from staging.stg_global_gleif_lei__quarantine
),

gleif_rr as (
    select * from staging.stg_global_gleif_rr__quarantine
),

gleif_repex as (
    select * from staging.stg_global_gleif_repex__quarantine
),

ofac_sdn as (
    select * from staging.stg_us_ofac_sdn__quarantine
),

final as (
    select 'global_gleif_lei' as source, * from gleif_lei
    union all
    select 'global_gleif_rr' as source, * from gleif_rr
    union all
    select 'global_gleif_repex' as source, * from gleif_repex
    union all
    select 'us_ofac_sdn' as source, * from ofac_sdn
)

select * from final
