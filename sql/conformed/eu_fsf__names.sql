-- Names on the EU list: every nameAlias's wholeName. The primary name is the
-- entity's first strong alias in the original language (nameLanguage empty),
-- in file order; other original-language aliases are 'aka', translations
-- (nameLanguage set, e.g. BG, EL) 'alternative_language' with their ISO 639-1
-- code. strong="false" marks the EU's weak aliases: strength 'weak'.
with aliases as (
    select * from staging.stg_eu_fsf__name_aliases
),

ranked as (
    select
        *,
        row_number() over (
            partition by logical_id
            order by strong is false, name_language is not null, record_line
        ) as rank
    from aliases
    where whole_name is not null
),

final as (
    select
        'eu-fsf-' || logical_id as entity_id,
        whole_name as name,
        case
            when rank = 1 and strong is not false and name_language is null then 'primary'
            when name_language is not null then 'alternative_language'
            else 'aka'
        end as name_type,
        lower(name_language) as lang,
        case when strong is false then 'weak' else 'strong' end as strength,
        'eu_fsf' as source,
        cast(logical_id as varchar) as source_record,
        snapshot_id
    from ranked
)

select * from final
