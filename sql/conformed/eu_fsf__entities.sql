-- EU consolidated financial sanctions list (eu_fsf) as canonical entities: one
-- row per sanctionEntity, id 'eu-fsf-' + logicalId. subjectType P is a person;
-- E ("enterprise") covers companies, groups and bodies alike, so its kind is
-- 'organization'; category is the subjectType code. The name is the primary
-- one of eu_fsf__names. An entry that a later snapshot dropped keeps a row
-- (status 'delisted', kind 'unknown', named by its key) so its delisting membership
-- names an existing entity.
with entries as (
    select * from staging.stg_eu_fsf__entries
),

names as (
    select * from conformed.eu_fsf__names
),

delistings as (
    select * from staging.stg_eu_fsf__delistings
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

delisted as (
    select
        'eu-fsf-' || lower(d.key) as entity_id,
        'unknown' as kind,
        d.key as name,  -- its last name is in earlier snapshots only
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'delisted' as status,
        null::varchar as category,
        'eu_fsf' as source,
        d.key as source_record,
        any_value(d.snapshot_id) as snapshot_id
    from delistings as d
    anti join entries as e on cast(e.logical_id as varchar) = d.key
    group by d.key
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
