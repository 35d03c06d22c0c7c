-- Names of BODS entity and person records (latest statement of each record).
-- An entity's `name` is its legal name and `alternateNames` are aliases; a
-- person's names carry a BODS nameType: legal -> primary, former -> previous,
-- transliteration -> transliterated, translation -> alternative_language,
-- alternative -> aka, birth -> birth.
with statements as (
    select * from conformed.bods__statements
),

names as (
    select * from staging.stg_bods__names
),

final as (
    select
        s.entity_id,
        coalesce(
            n.full_name,
            nullif(concat_ws(' ', n.given_name, n.patronymic_name, n.family_name), '')
        ) as name,
        case n.name_type
            when 'legal' then 'primary'
            when 'former' then 'previous'
            when 'transliteration' then 'transliterated'
            when 'translation' then 'alternative_language'
            when 'alternative' then 'aka'
            when 'birth' then 'birth'
        end as name_type,
        null as lang,
        'strong' as strength,
        'bods' as source,
        s.record_key as source_record,
        s.snapshot_id
    from names as n
    inner join statements as s on s.statement_id = n.statement_id
)

select * from final
