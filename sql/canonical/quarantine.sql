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

bods as (
    select * from staging.stg_bods__quarantine
),

gb_coh_companies as (
    select * from staging.stg_gb_coh_companies__quarantine
),

final as (
    select 'global_gleif_lei' as source, * from gleif_lei
    union all
    select 'global_gleif_rr' as source, * from gleif_rr
    union all
    select 'global_gleif_repex' as source, * from gleif_repex
    union all
    select 'us_ofac_sdn' as source, * from ofac_sdn
    union all
    select 'bods' as source, * from bods
    union all
    select 'gb_coh_companies' as source, * from gb_coh_companies
    union all by name
    select * from conformed.gb_coh_psc__quarantine
)

select * from final
