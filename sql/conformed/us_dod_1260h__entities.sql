-- DoD section 1260H companies: one entity per company across the editions of
-- the transcription (the rows grouped on the clean name, key = hash of its
-- comparison form), kind 'company' since the list names "Chinese military
-- companies"; it states no country of incorporation (US subsidiaries are
-- listed too), so jurisdiction and hq_country stay null. A Parent Name that
-- is not a listed company of the file becomes a referenced-only organization
-- `us-dod-1260h-parent-<hash of its name>`, named as first written, so the
-- parent link has both ends; entity resolution merges it later.
with entries as (
    select * from staging.stg_us_dod_1260h__entries
),

parents as (
    select * from staging.stg_us_dod_1260h__parents
),

listed as (
    select
        'us-dod-1260h-' || lower(key) as entity_id,
        'company' as kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        null::varchar as category,
        'us_dod_1260h' as source,
        key as source_record,
        snapshot_id
    from entries
),

referenced as (
    select
        'us-dod-1260h-parent-' || lower(parent_key) as entity_id,
        'organization' as kind,
        arg_min(parent_name, record_line) as name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'referenced_only' as status,
        null::varchar as category,
        'us_dod_1260h' as source,
        parent_key as source_record,
        snapshot_id
    from parents
    where not resolved_in_file
    group by parent_key, snapshot_id
),

final as (
    select * from listed
    union all
    select * from referenced
)

select * from final
