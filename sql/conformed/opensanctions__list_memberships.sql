-- List memberships of OpenSanctions parties: one row per Sanction entity x
-- list x program as the parse wrote them (the list from the Sanction's
-- dataset, data/reference/opensanctions_datasets.csv; Sanctions of datasets
-- that are none of our lists have no row), plus the memberships a later
-- snapshot no longer had (delistings, with the day the absence was seen). A
-- Sanction's own endDate is its delisted_on, the list having stated it
-- (it may lie in the future: a listing for a fixed term).
with memberships as (
    select * from staging.stg_opensanctions__memberships
),

delistings as (
    select * from staging.stg_opensanctions__delistings
),

final as (
    select
        'os-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'opensanctions' as source,
        key as source_record,
        snapshot_id
    from memberships
    union all
    select
        'os-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'opensanctions' as source,
        key as source_record,
        snapshot_id
    from delistings
)

select * from final
