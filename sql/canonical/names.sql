-- Every name and alias of every entity, with its type, script, language and
-- strength (weak aliases are nicknames and short forms that screeners treat
-- with caution, per OFAC's "disposition of aliases").
with gleif_names as (
    select * from staging.stg_global_gleif_lei__names
),

ofac_entries as (
    select * from staging.stg_us_ofac_sdn__entries
),

ofac_aliases as (
    select * from staging.stg_us_ofac_sdn__aliases
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

ofac_primary as (
    select
        'ofac-' || ent_num as entity_id,
        sdn_name as name,
        'primary' as name_type,
        null as lang,
        'strong' as strength,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac_entries
),

ofac_alias as (
    select
        'ofac-' || ent_num as entity_id,
        alt_name as name,
        alt_type as name_type,
        null as lang,
        strength,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac_aliases
),

unioned as (
    select * from gleif
    union all
    select * from ofac_primary
    union all
    select * from ofac_alias
    union all by name
    select * from conformed.bods__names
    union all by name
    select * from conformed.gb_coh_companies__names
    union all by name
    select * from conformed.gb_coh_psc__names
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
