-- Memberships of the OFSI consolidated list targets, one per (Group ID,
-- regime), on list gb_hmt: the regime is the program, Listed On the listing
-- date (the earliest when rows disagree). Delistings are the memberships the
-- last good snapshots had and the newest lacks (written by the stage), with
-- the day the absence was seen.
with memberships as (
    select * from staging.stg_gb_hmt_ofsi__memberships
),

delistings as (
    select * from staging.stg_gb_hmt_ofsi__delistings
),

listed as (
    select
        'gb-ofsi-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'gb_hmt_ofsi' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'gb-ofsi-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'gb_hmt_ofsi' as source,
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
