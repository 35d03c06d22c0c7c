-- OFAC Enhanced XML names of both sources (one mapping for SDN_ENHANCED and
-- CONS_ENHANCED), one row per translation: the primary translation (OFAC's
-- romanised form) of the primary name is 'primary', of an alias its alias type
-- (A.K.A. -> aka, F.K.A. -> fka, N.K.A. -> nka); every other translation (the
-- name in its original script: Cyrillic, Chinese...) is 'alternative_language'
-- with the language its script implies (data/reference/ofac_xml_scripts.csv;
-- null for Latin, Arabic and Cyrillic, which several languages share).
-- isLowQuality marks OFAC's weak aliases: strength 'weak'.
with names as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__names
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__names
),

scripts as (
    select * from reference.ofac_xml_scripts
),

final as (
    select
        'ofac-' || n.entity_id as entity_id,
        n.formatted_full_name as name,
        case
            when not coalesce(n.translation_is_primary, true) then 'alternative_language'
            when n.is_primary then 'primary'
            when n.alias_type = 'F.K.A.' then 'fka'
            when n.alias_type = 'N.K.A.' then 'nka'
            else 'aka'
        end as name_type,
        s.lang,
        case when n.is_low_quality then 'weak' else 'strong' end as strength,
        n.source,
        cast(n.entity_id as varchar) as source_record,
        n.snapshot_id
    from names as n
    left join scripts as s on s.script = n.script
    where n.formatted_full_name is not null
)

select * from final
