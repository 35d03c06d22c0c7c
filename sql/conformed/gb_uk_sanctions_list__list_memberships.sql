-- Memberships of the UK Sanctions List designations, one per UniqueID, on
-- list gb_hmt: RegimeName is the program, DateDesignated the listing date.
-- Delistings are the designations the last good snapshots had and the newest
-- lacks (written by the stage), with the day the absence was seen: the FCDO
-- removes a revoked designation from the file.
with memberships as (
    select * from staging.stg_gb_uk_sanctions_list__memberships
),

delistings as (
    select * from staging.stg_gb_uk_sanctions_list__delistings
),

listed as (
    select
        'gb-uksl-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'gb_uk_sanctions_list' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'gb-uksl-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'gb_uk_sanctions_list' as source,
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
