-- Every name and alias of every entity, with its type, script, language and
-- strength (weak aliases are nicknames and short forms that screeners treat
-- with caution, per OFAC's "disposition of aliases").
with gleif_names as (
    select * from staging.stg_global_gleif_lei__names
),

gleif as (
    select
        'lei-' || lower(lei) as entity_id,
        name,
        case name_type
            when 'LEGAL_NAME' then 'primary'
            when 'PREVIOUS_LEGAL_NAME' then 'previous'
            when 'ALTERNATIVE_LANGUAGE_LEGAL_NAME' then 'alternative_language'
            when 'TRADING_OR_OPERATING_NAME' then 'trading'
            when 'AUTO_ASCII_TRANSLITERATED_LEGAL_NAME' then 'transliterated'
            when 'PREFERRED_ASCII_TRANSLITERATED_LEGAL_NAME' then 'transliterated'
        end as name_type,
        lang,
        'strong' as strength,
        'global_gleif_lei' as source,
        lei as source_record,
        snapshot_id
    from gleif_names
),

unioned as (
    select * from gleif
    union all by name
    select * from conformed.us_ofac_sdn__names
    union all by name
    select * from conformed.us_ofac_cons__names
    union all by name
    select * from conformed.bods__names
    union all by name
    select * from conformed.gb_coh_companies__names
    union all by name
    select * from conformed.gb_coh_psc__names
    union all by name
    select * from conformed.us_dod_1260h__names
    union all by name
    select * from conformed.us_fcc_covered__names
    union all by name
    select * from conformed.us_ndaa_889__names
    union all by name
    select * from conformed.us_bis_mieu__names
    union all by name
    select * from conformed.us_trade_csl__names
    union all by name
    select * from conformed.us_bis_dpl__names
    union all by name
    select * from conformed.un_sc_sanctions__names
    union all by name
    select * from conformed.eu_fsf__names
    union all by name
    select * from conformed.gb_hmt_ofsi__names
    union all by name
    select * from conformed.gb_uk_sanctions_list__names
    union all by name
    select * from conformed.us_ofac_sdn_xml__names
    union all by name
    select * from conformed.us_ofac_cons_xml__names
    union all by name
    select * from conformed.opensanctions__names
),

final as (
    select
        entity_id,
        name,
        name_type,
        script_of(name) as script,
        lang,
        strength,
        source,
        source_record,
        snapshot_id
    from unioned
    where name is not null and trim(name) <> ''
)

select * from final
