-- Parent Name links of the DoD section 1260H list, from the parent to the
-- company the PDF groups under it (AVIC -> AVIC Jonhon). The list states
-- neither a percentage nor whether the link is direct: basis 'unknown', null
-- stakes (never read as 50% or more), direct_or_indirect 'unknown'. The owner
-- is the listed company the Parent Name names, else its referenced-only entity.
with parents as (
    select * from staging.stg_us_dod_1260h__parents
),

final as (
    select
        hashed_id('us_dod_1260h', concat_ws('|', parent_key, key)) as relationship_id,
        case when resolved_in_file then 'us-dod-1260h-' else 'us-dod-1260h-parent-' end
            || lower(parent_key) as owner_id,
        'us-dod-1260h-' || lower(key) as subject_id,
        'unknown' as basis,
        'unknown' as direct_or_indirect,
        null::double as stake_lo,
        null::double as stake_hi,
        null::boolean as lo_inclusive,
        null::boolean as hi_inclusive,
        null::date as start_date,
        null::date as end_date,
        'active' as status,
        'parent (1260H)' as source_type,
        null::varchar as capacity,
        'us_dod_1260h' as source,
        concat_ws('|', parent_key, key) as source_record,
        snapshot_id
    from parents
)

select * from final
