-- Memberships of the BIS Military-Intelligence End User list, one per end
-- user, dated by the Date (listing) and End date columns.
-- Delistings are the memberships the last good snapshots had and the newest
-- lacks (written by the stage), with the day the absence was seen.
with memberships as (
    select * from staging.stg_us_bis_mieu__memberships
),

delistings as (
    select * from staging.stg_us_bis_mieu__delistings
),

listed as (
    select
        'us-bis-mieu-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'us_bis_mieu' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'us-bis-mieu-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_bis_mieu' as source,
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
