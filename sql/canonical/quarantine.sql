-- Every source row that could not be read, with the reason and its raw text.
-- (Lists are small: their quarantines are read straight from staging.)
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
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__quarantine
    union all by name
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__quarantine
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__quarantine
    union all by name
    select 'us_trade_csl' as source, * from staging.stg_us_trade_csl__quarantine
    union all by name
    select 'us_bis_dpl' as source, * from staging.stg_us_bis_dpl__quarantine
    union all by name
    select 'un_sc_sanctions' as source, * from staging.stg_un_sc_sanctions__quarantine
    union all by name
    select 'eu_fsf' as source, * from staging.stg_eu_fsf__quarantine
    union all by name
    select 'gb_hmt_ofsi' as source, * from staging.stg_gb_hmt_ofsi__quarantine
    union all by name
    select 'gb_uk_sanctions_list' as source, * from staging.stg_gb_uk_sanctions_list__quarantine
    union all by name
    select 'us_dod_1260h' as source, * from staging.stg_us_dod_1260h__quarantine
    union all by name
    select 'us_fcc_covered' as source, * from staging.stg_us_fcc_covered__quarantine
    union all by name
    select 'us_ndaa_889' as source, * from staging.stg_us_ndaa_889__quarantine
    union all by name
    select 'us_bis_mieu' as source, * from staging.stg_us_bis_mieu__quarantine
    union all by name
    select 'opensanctions' as source, * from staging.stg_opensanctions__quarantine
)

select * from final
