-- Names on the UN consolidated list: the record's name (its name parts joined
-- in the UN's order) as primary, the name in its original script (Arabic,
-- Cyrillic...) as an alternative-language form, and every alias. Aliases of
-- QUALITY Low are the UN's low-quality aliases: strength 'weak'; entity
-- aliases are a.k.a. ('aka') or f.k.a. ('fka').
with entries as (
    select * from staging.stg_un_sc_sanctions__entries
),

aliases as (
    select * from staging.stg_un_sc_sanctions__aliases
),

primary_names as (
    select
        'un-sc-' || dataid as entity_id,
        name,
        'primary' as name_type,
        null::varchar as lang,
        'strong' as strength,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from entries
    where name is not null
),

original_script as (
    select
        'un-sc-' || dataid as entity_id,
        name_original_script as name,
        'alternative_language' as name_type,
        null::varchar as lang,
        'strong' as strength,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from entries
    where name_original_script is not null and name_original_script <> name
),

alias_names as (
    select
        'un-sc-' || dataid as entity_id,
        alias_name as name,
        alias_type as name_type,
        null::varchar as lang,
        strength,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from aliases
    where alias_name is not null
),

final as (
    select * from primary_names
    union all
    select * from original_script
    union all
    select * from alias_names
)

select * from final
