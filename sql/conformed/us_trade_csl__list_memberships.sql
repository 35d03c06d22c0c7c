-- Memberships of the CSL entries, one per (entry, list, program): the list is
-- the one the row's source names (data/reference/csl_sources.csv), listed on
-- start_date. A row's end_date (the expiry of a Denied Persons order) is the
-- delisting date the list states. Delistings are the memberships the last
-- good snapshots had and the newest lacks (written by the stage); their
-- entities are by nature absent from the current snapshot's entities.
with memberships as (
    select * from staging.stg_us_trade_csl__memberships
),

delistings as (
    select * from staging.stg_us_trade_csl__delistings
),

listed as (
    select
        'csl-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'us_trade_csl' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'csl-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_trade_csl' as source,
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
