-- Names of the UK Sanctions List designations: Name 1-5 then Name 6 of every
-- <Name>, NameType read without regard to case (Primary Name: primary; Primary
-- Name Variation, a spelling variant, and Alias: aka); AliasStrength "Low
-- quality a.k.a" makes a name weak. Non-Latin script names are
-- alternative_language with the ISO 639-1 code of NonLatinScriptLanguage.
with names as (
    select * from staging.stg_gb_uk_sanctions_list__names
),

final as (
    select distinct
        'gb-uksl-' || lower(unique_id) as entity_id,
        name,
        name_type,
        lang,
        strength,
        'gb_uk_sanctions_list' as source,
        unique_id as source_record,
        snapshot_id
    from names
)

select * from final
