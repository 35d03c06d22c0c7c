-- One row per (entity, list, program) membership, current or delisted. Each
-- list source's conformed model gives its memberships (from the parsed file)
-- and its delistings (entries a later snapshot no longer has, with the day
-- their absence was first seen). `regimes` names the policies whose roots the
-- list provides (data/reference/list_codes.csv; POLICY_RULES.md).
with list_codes as (
    select * from reference.list_codes
),

unioned as (
    select * from conformed.us_ofac_sdn__list_memberships
    union all by name
    select * from conformed.us_ofac_cons__list_memberships
    union all by name
    select * from conformed.us_dod_1260h__list_memberships
    union all by name
    select * from conformed.us_fcc_covered__list_memberships
    union all by name
    select * from conformed.us_ndaa_889__list_memberships
    union all by name
    select * from conformed.us_bis_mieu__list_memberships
    union all by name
    select * from conformed.us_trade_csl__list_memberships
    union all by name
    select * from conformed.us_bis_dpl__list_memberships
    union all by name
    select * from conformed.un_sc_sanctions__list_memberships
    union all by name
    select * from conformed.eu_fsf__list_memberships
    union all by name
    select * from conformed.gb_hmt_ofsi__list_memberships
    union all by name
    select * from conformed.gb_uk_sanctions_list__list_memberships
    union all by name
    select * from conformed.us_ofac_sdn_xml__list_memberships
    union all by name
    select * from conformed.us_ofac_cons_xml__list_memberships
    union all by name
    select * from conformed.opensanctions__list_memberships
),

final as (
    select
        u.entity_id,
        u.list_code,
        u.program,
        u.listed_on,
        u.delisted_on,
        u.delisting_reason,
        string_split(l.regimes, ' ') as regimes,
        l.authority,
        u.source,
        u.source_record,
        u.snapshot_id
    from unioned as u
    left join list_codes as l on l.list_code = u.list_code
)

select * from final
