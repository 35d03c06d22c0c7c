-- EU consolidated financial sanctions list (eu_fsf) as canonical entities: one
-- row per sanctionEntity, id 'eu-fsf-' + logicalId. subjectType P is a person;
-- E ("enterprise") covers companies, groups and bodies alike, so its kind is
-- 'organization'; category is the subjectType code. The name is the primary
-- one of eu_fsf__names.
-- (A delisted entry's entity row comes from canonical.entities, for every list.)
with entries as (
    select * from staging.stg_eu_fsf__entries
),

names as (
    select * from conformed.eu_fsf__names
),

primary_names as (
    select entity_id, any_value(name) as name
    from names
    where name_type = 'primary'
    group by entity_id
),

listed as (
    select
        'eu-fsf-' || e.logical_id as entity_id,
        case e.classification_code
            when 'P' then 'person'
            when 'E' then 'organization'
            else 'unknown'
        end as kind,
        n.name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        e.subject_type_code as category,
        'eu_fsf' as source,
        cast(e.logical_id as varchar) as source_record,
        e.snapshot_id
    from entries as e
    left join primary_names as n on n.entity_id = 'eu-fsf-' || e.logical_id
),

final as (
    select * from listed
)

select * from final
