-- Memberships of every list source, one view instead of one per source: each
-- list parser writes the same `memberships` table (pipelines/sources/lists.py)
-- and the stage the same `delistings` one (entries a later snapshot no longer
-- has, with the day their absence was first seen), so one mapping serves all.
-- Entity ids are `<prefix>-<lower(key)>`, the prefix of the source's own
-- conformed entities (the OFAC sources share `ofac-`: one uid space). A
-- membership's delisted_on is the end the list states; its reason is the
-- parser's (delisting_reason), else 'end date stated by the list'. A new list
-- source must be added to both CTEs (tests/sources/test_lists_sql.py checks).
with memberships as (
    select 'us_ofac_sdn' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_sdn__memberships
    union all by name
    select 'us_ofac_cons' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_cons__memberships
    union all by name
    select 'us_ofac_sdn_xml' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_sdn_xml__memberships
    union all by name
    select 'us_ofac_cons_xml' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_cons_xml__memberships
    union all by name
    select 'un_sc_sanctions' as source, 'un-sc-' as entity_prefix, *
    from staging.stg_un_sc_sanctions__memberships
    union all by name
    select 'eu_fsf' as source, 'eu-fsf-' as entity_prefix, *
    from staging.stg_eu_fsf__memberships
    union all by name
    select 'us_dod_1260h' as source, 'us-dod-1260h-' as entity_prefix, *
    from staging.stg_us_dod_1260h__memberships
    union all by name
    select 'us_fcc_covered' as source, 'us-fcc-covered-' as entity_prefix, *
    from staging.stg_us_fcc_covered__memberships
    union all by name
    select 'us_ndaa_889' as source, 'us-ndaa-889-' as entity_prefix, *
    from staging.stg_us_ndaa_889__memberships
    union all by name
    select 'us_bis_mieu' as source, 'us-bis-mieu-' as entity_prefix, *
    from staging.stg_us_bis_mieu__memberships
    union all by name
    select 'us_trade_csl' as source, 'csl-' as entity_prefix, *
    from staging.stg_us_trade_csl__memberships
    union all by name
    select 'us_bis_dpl' as source, 'dpl-' as entity_prefix, *
    from staging.stg_us_bis_dpl__memberships
    union all by name
    select 'gb_hmt_ofsi' as source, 'gb-ofsi-' as entity_prefix, *
    from staging.stg_gb_hmt_ofsi__memberships
    union all by name
    select 'gb_uk_sanctions_list' as source, 'gb-uksl-' as entity_prefix, *
    from staging.stg_gb_uk_sanctions_list__memberships
    union all by name
    select 'opensanctions' as source, 'os-' as entity_prefix, *
    from staging.stg_opensanctions__memberships
),

delistings as (
    select 'us_ofac_sdn' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_sdn__delistings
    union all by name
    select 'us_ofac_cons' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_cons__delistings
    union all by name
    select 'us_ofac_sdn_xml' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_sdn_xml__delistings
    union all by name
    select 'us_ofac_cons_xml' as source, 'ofac-' as entity_prefix, *
    from staging.stg_us_ofac_cons_xml__delistings
    union all by name
    select 'un_sc_sanctions' as source, 'un-sc-' as entity_prefix, *
    from staging.stg_un_sc_sanctions__delistings
    union all by name
    select 'eu_fsf' as source, 'eu-fsf-' as entity_prefix, *
    from staging.stg_eu_fsf__delistings
    union all by name
    select 'us_dod_1260h' as source, 'us-dod-1260h-' as entity_prefix, *
    from staging.stg_us_dod_1260h__delistings
    union all by name
    select 'us_fcc_covered' as source, 'us-fcc-covered-' as entity_prefix, *
    from staging.stg_us_fcc_covered__delistings
    union all by name
    select 'us_ndaa_889' as source, 'us-ndaa-889-' as entity_prefix, *
    from staging.stg_us_ndaa_889__delistings
    union all by name
    select 'us_bis_mieu' as source, 'us-bis-mieu-' as entity_prefix, *
    from staging.stg_us_bis_mieu__delistings
    union all by name
    select 'us_trade_csl' as source, 'csl-' as entity_prefix, *
    from staging.stg_us_trade_csl__delistings
    union all by name
    select 'us_bis_dpl' as source, 'dpl-' as entity_prefix, *
    from staging.stg_us_bis_dpl__delistings
    union all by name
    select 'gb_hmt_ofsi' as source, 'gb-ofsi-' as entity_prefix, *
    from staging.stg_gb_hmt_ofsi__delistings
    union all by name
    select 'gb_uk_sanctions_list' as source, 'gb-uksl-' as entity_prefix, *
    from staging.stg_gb_uk_sanctions_list__delistings
    union all by name
    select 'opensanctions' as source, 'os-' as entity_prefix, *
    from staging.stg_opensanctions__delistings
),

listed as (
    select
        entity_prefix || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        coalesce(
            delisting_reason,
            case when delisted_on is not null then 'end date stated by the list' end
        ) as delisting_reason,
        source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        entity_prefix || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        source,
        key as source_record,
        snapshot_id
    from delistings
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
