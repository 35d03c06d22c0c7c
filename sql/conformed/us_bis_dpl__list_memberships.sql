-- Memberships of the Denied Persons List rows: listed on the order's
-- effective date; the order's expiration date is the end the list states
-- (a null one means no end). Delistings are the rows the last good snapshots
-- had and the newest lacks (written by the stage), with the day the absence
-- was seen; their entities are by nature absent from the current entities.
with memberships as (
    select * from staging.stg_us_bis_dpl__memberships
),

delistings as (
    select * from staging.stg_us_bis_dpl__delistings
),

listed as (
    select
        'dpl-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'denial order expires (Expiration_Date)' end
            as delisting_reason,
        'us_bis_dpl' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'dpl-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_bis_dpl' as source,
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
