-- Memberships of the DoD section 1260H list, one per company, listed since
-- its first edition. The parse ends a membership when the transcription
-- states an End date on the company's newest row, or when the company has no
-- row of the newest edition in the file (each edition re-prints the whole
-- list); `delisting_basis` says which. Delistings are the memberships the
-- last good snapshots had and the newest lacks (written by the stage).
with memberships as (
    select * from staging.stg_us_dod_1260h__memberships
),

entries as (
    select * from staging.stg_us_dod_1260h__entries
),

delistings as (
    select * from staging.stg_us_dod_1260h__delistings
),

listed as (
    select
        'us-dod-1260h-' || lower(m.key) as entity_id,
        m.list_code,
        m.program,
        m.listed_on,
        m.delisted_on,
        case e.delisting_basis
            when 'end_date' then 'end date stated by the list'
            when 'absent_from_newest_edition'
                then 'absent from the newest edition in the file (' || e.newest_edition || ')'
        end as delisting_reason,
        'us_dod_1260h' as source,
        m.key as source_record,
        m.snapshot_id
    from memberships as m
    left join entries as e on e.key = m.key and e.snapshot_id = m.snapshot_id
),

delisted as (
    select
        'us-dod-1260h-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_dod_1260h' as source,
        key as source_record,
        snapshot_id
    from delistings
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
