-- Memberships of the FCC Covered List, one per named party, dated by the
-- entry's date of inclusion; the list states no end date.
-- Delistings are the memberships the last good snapshots had and the newest
-- lacks (written by the stage), with the day the absence was seen.
with memberships as (
    select * from staging.stg_us_fcc_covered__memberships
),

delistings as (
    select * from staging.stg_us_fcc_covered__delistings
),

listed as (
    select
        'us-fcc-covered-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'us_fcc_covered' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'us-fcc-covered-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_fcc_covered' as source,
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
