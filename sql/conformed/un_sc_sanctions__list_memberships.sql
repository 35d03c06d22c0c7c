-- Memberships of the UN consolidated list (list code un_sc, program = the
-- regime, UN_LIST_TYPE; listed_on = LISTED_ON), and the delistings the stage
-- found by comparing snapshots (an entry absent from a newer file).
with memberships as (
    select * from staging.stg_un_sc_sanctions__memberships
),

delistings as (
    select * from staging.stg_un_sc_sanctions__delistings
),

current_memberships as (
    select
        'un-sc-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'un_sc_sanctions' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'un-sc-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'un_sc_sanctions' as source,
        key as source_record,
        snapshot_id
    from delistings
),

final as (
    select * from current_memberships
    union all
    select * from delisted
)

select * from final
