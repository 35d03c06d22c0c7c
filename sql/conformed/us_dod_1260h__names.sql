-- Names of the DoD section 1260H companies: primary = the clean name of the
-- newest edition, aka = its other spellings in older editions and the
-- Alias column (weak when a short all-capitals acronym: AVIC, CASIC),
-- previous = Previous Name. A referenced-only parent has the Parent Name
-- spellings that named it: the first written is primary, the others aka.
with names as (
    select * from staging.stg_us_dod_1260h__names
),

parents as (
    select * from staging.stg_us_dod_1260h__parents
),

listed as (
    select
        'us-dod-1260h-' || lower(key) as entity_id,
        name,
        name_type,
        null::varchar as lang,
        strength,
        'us_dod_1260h' as source,
        key as source_record,
        snapshot_id
    from names
),

referenced_spellings as (
    select
        parent_key,
        parent_name,
        snapshot_id,
        min(record_line) as first_line
    from parents
    where not resolved_in_file
    group by parent_key, parent_name, snapshot_id
),

referenced as (
    select
        'us-dod-1260h-parent-' || lower(parent_key) as entity_id,
        parent_name as name,
        case
            when row_number() over (partition by parent_key, snapshot_id order by first_line) = 1
                then 'primary'
            else 'aka'
        end as name_type,
        null::varchar as lang,
        'strong' as strength,
        'us_dod_1260h' as source,
        parent_key as source_record,
        snapshot_id
    from referenced_spellings
),

final as (
    select * from listed
    union all
    select * from referenced
)

select * from final
