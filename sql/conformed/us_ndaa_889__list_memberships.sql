-- Memberships of the NDAA FY2019 section 889 list, one per named company,
-- dated by the start-date and end-date columns (empty for the five
-- statutory companies: the file does not date them).
-- Delistings are the memberships the last good snapshots had and the newest
-- lacks (written by the stage), with the day the absence was seen.
with memberships as (
    select * from staging.stg_us_ndaa_889__memberships
),

delistings as (
    select * from staging.stg_us_ndaa_889__delistings
),

listed as (
    select
        'us-ndaa-889-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'us_ndaa_889' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'us-ndaa-889-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_ndaa_889' as source,
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
