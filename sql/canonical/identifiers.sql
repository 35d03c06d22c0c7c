-- Identifiers as (scheme, value): LEIs, national register numbers, list ids and
-- the identifiers OFAC states in its remarks. `is_strong` marks identifiers
-- that name exactly one entity (register and list keys, securities codes,
-- travel documents), which entity resolution may merge on.
with gleif as (
    select * from staging.stg_global_gleif_lei__entities
),

referenced_only as (
    select * from canonical.entities where source = 'global_gleif_rr'
),

gleif_lei as (
    select
        'lei-' || lower(lei) as entity_id,
        'lei' as scheme,
        upper(lei) as value,
        null as issuer,
        'global_gleif_lei' as source,
        lei as source_record,
        snapshot_id
    from gleif
),

referenced_lei as (
    select
        entity_id,
        'lei' as scheme,
        upper(source_record) as value,
        null as issuer,
        source,
        source_record,
        snapshot_id
    from referenced_only
),

gleif_register as (
    -- GLEIF RA list: RA000585/6/7 are Companies House (England and Wales,
    -- Northern Ireland, Scotland); RA000092 is China's USCC register;
    -- RA000388 is the Hong Kong Companies Registry. RA999999/RA888888/
    -- RA777777 mean "no register" or "temporary" and name nothing.
    select
        'lei-' || lower(lei) as entity_id,
        case
            when ra_id in ('RA000585', 'RA000586', 'RA000587') then 'gb-coh'
            when ra_id = 'RA000092' then 'cn-uscc'
            when ra_id = 'RA000388' then 'hk-cr'
            else lower(ra_id)
        end as scheme,
        case
            -- Companies House numbers are 8 characters, zero-padded.
            when ra_id in ('RA000585', 'RA000586', 'RA000587')
                and regexp_matches(trim(ra_entity_id), '^[0-9]{1,8}$')
                then lpad(trim(ra_entity_id), 8, '0')
            else upper(replace(trim(ra_entity_id), ' ', ''))
        end as value,
        ra_id as issuer,
        'global_gleif_lei' as source,
        lei as source_record,
        snapshot_id
    from gleif
    where ra_id is not null
        and ra_entity_id is not null
        and trim(ra_entity_id) <> ''
        and ra_id not in ('RA999999', 'RA888888', 'RA777777')
),

unioned as (
    select * from gleif_lei
    union all
    select * from referenced_lei
    union all
    select * from gleif_register
    union all by name
    select * from conformed.us_ofac_sdn__identifiers
    union all by name
    select * from conformed.us_ofac_cons__identifiers
    union all by name
    select * from conformed.bods__identifiers
    union all by name
    select * from conformed.gb_coh_companies__identifiers
    union all by name
    select * from conformed.gb_coh_psc__identifiers
    union all by name
    select * from conformed.us_dod_1260h__identifiers
    union all by name
    select * from conformed.us_trade_csl__identifiers
    union all by name
    select * from conformed.un_sc_sanctions__identifiers
    union all by name
    select * from conformed.eu_fsf__identifiers
    union all by name
    select * from conformed.gb_hmt_ofsi__identifiers
    union all by name
    select * from conformed.gb_uk_sanctions_list__identifiers
    union all by name
    select * from conformed.us_ofac_sdn_xml__identifiers
    union all by name
    select * from conformed.us_ofac_cons_xml__identifiers
    union all by name
    select * from conformed.opensanctions__identifiers
),

final as (
    select
        *,
        scheme in (
            'lei', 'gb-coh', 'cn-uscc', 'hk-cr', 'isin', 'passport', 'national-id', 'imo',
            'swift-bic',
            -- list keys: a list names each entry once, and other lists cite them
            -- (the EU cites UN reference numbers; the CSL cites OFAC uids).
            'ofac', 'un-sc', 'eu-fsf', 'eu-fsf-id', 'gb-ofsi', 'gb-uksl', 'us-csl',
            'us-dod-1260h', 'opensanctions'
        ) or starts_with(scheme, 'ra0') as is_strong
    from unioned
)

select * from final
