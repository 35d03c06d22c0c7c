-- Memberships of the entries of the OFAC SDN list, one per (entry, list,
-- program): every entry is on us_ofac_sdn, once per program tag. The legacy CSV
-- states no listing dates. Delistings are the memberships the last good
-- snapshots had and the newest lacks (written by the stage), with the day the
-- absence was seen.
with memberships as (
    select * from staging.stg_us_ofac_sdn__memberships
),

delistings as (
    select * from staging.stg_us_ofac_sdn__delistings
),

listed as (
    select
        'ofac-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        'us_ofac_sdn' as source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'ofac-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        'us_ofac_sdn' as source,
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
